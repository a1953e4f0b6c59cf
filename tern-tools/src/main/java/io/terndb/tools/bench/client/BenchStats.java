package io.terndb.tools.bench.client;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load threads report: latency of every completed operation (HdrHistogram {@link Recorder}, lock-free,
 * nanoseconds, 3 significant digits), and counts of errors and read misses. The progress printer takes an
 * interval each second; the summary sums the intervals of the measured phase.
 */
final class BenchStats {

    static final long LATENCY_NS_MAX = 60_000_000_000L;

    private final Recorder latencies = new Recorder(LATENCY_NS_MAX, 3);
    private final LongAdder errors = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private volatile String firstError;
    private Histogram interval;

    void completed(long latencyNs) {
        latencies.recordValue(Math.min(Math.max(latencyNs, 0), LATENCY_NS_MAX));
    }

    void miss() {
        misses.increment();
    }

    void error(Throwable failure) {
        errors.increment();
        if (firstError == null) {
            firstError = String.valueOf(failure).replaceAll("\\s+", " ");
        }
    }

    /** The latencies recorded since the last call (one thread calls this: the printer). */
    Histogram takeInterval() {
        interval = latencies.getIntervalHistogram(interval);
        return interval;
    }

    /** Errors and misses so far, as {@code [errors, misses]}; the printer subtracts successive readings. */
    long[] counts() {
        return new long[] {errors.sum(), misses.sum()};
    }

    String firstError() {
        return firstError;
    }
}
