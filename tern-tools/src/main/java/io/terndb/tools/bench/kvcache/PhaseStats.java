package io.terndb.tools.bench.kvcache;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load threads of one phase report: per-object latency of every completed call (HdrHistogram
 * {@link Recorder}, nanoseconds, 3 significant digits), bytes moved, and counts of errors, misses and corrupt
 * objects. The progress printer takes an interval each second.
 */
final class PhaseStats {

    static final long LATENCY_NS_MAX = 600_000_000_000L;

    private final Recorder latencies = new Recorder(LATENCY_NS_MAX, 3);
    private final LongAdder bytes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder corrupt = new LongAdder();
    private volatile String firstError;
    private Histogram interval;

    void completed(long latencyNs, long movedBytes) {
        latencies.recordValue(Math.min(Math.max(latencyNs, 0), LATENCY_NS_MAX));
        bytes.add(movedBytes);
    }

    void miss(long latencyNs) {
        latencies.recordValue(Math.min(Math.max(latencyNs, 0), LATENCY_NS_MAX));
        misses.increment();
    }

    void corrupt(long latencyNs) {
        latencies.recordValue(Math.min(Math.max(latencyNs, 0), LATENCY_NS_MAX));
        corrupt.increment();
    }

    void error(Throwable failure) {
        errors.increment();
        if (firstError == null) {
            firstError = String.valueOf(failure).replaceAll("\\s+", " ");
        }
    }

    /** Latencies recorded since the last call; only the printer calls this. */
    Histogram takeInterval() {
        interval = latencies.getIntervalHistogram(interval);
        return interval;
    }

    long bytes() {
        return bytes.sum();
    }

    long errors() {
        return errors.sum();
    }

    long misses() {
        return misses.sum();
    }

    long corruptObjects() {
        return corrupt.sum();
    }

    String firstError() {
        return firstError;
    }
}
