package io.terndb.tools.bench.kvcache;

import io.terndb.tools.bench.LatencyAndErrors;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the load threads of one phase report: per-object latency of every call that got an answer (misses and
 * corrupt objects included) and errors ({@link LatencyAndErrors}), bytes moved, and counts of misses and corrupt
 * objects. The progress printer takes an interval each second.
 */
final class PhaseStats extends LatencyAndErrors {

    static final long LATENCY_NS_MAX = 600_000_000_000L;

    private final LongAdder bytes = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder corrupt = new LongAdder();

    PhaseStats() {
        super(LATENCY_NS_MAX);
    }

    void completed(long latencyNs, long movedBytes) {
        recordLatency(latencyNs);
        bytes.add(movedBytes);
    }

    void miss(long latencyNs) {
        recordLatency(latencyNs);
        misses.increment();
    }

    void corrupt(long latencyNs) {
        recordLatency(latencyNs);
        corrupt.increment();
    }

    long bytes() {
        return bytes.sum();
    }

    long misses() {
        return misses.sum();
    }

    long corruptObjects() {
        return corrupt.sum();
    }
}
