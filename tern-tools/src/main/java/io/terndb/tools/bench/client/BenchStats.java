package io.terndb.tools.bench.client;

import io.terndb.tools.bench.LatencyAndErrors;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load threads report: latency of every completed operation and errors ({@link LatencyAndErrors}), and
 * read misses. The progress printer takes an interval each second; the summary sums the intervals of the measured
 * phase.
 */
final class BenchStats extends LatencyAndErrors {

    static final long LATENCY_NS_MAX = 60_000_000_000L;

    private final LongAdder misses = new LongAdder();

    BenchStats() {
        super(LATENCY_NS_MAX);
    }

    void completed(long latencyNs) {
        recordLatency(latencyNs);
    }

    void miss() {
        misses.increment();
    }

    /** Errors and misses so far, as {@code [errors, misses]}; the printer subtracts successive readings. */
    long[] counts() {
        return new long[] {errors(), misses.sum()};
    }
}
