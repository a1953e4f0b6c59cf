package io.terndb.tools.bench;

import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the load threads of a benchmark phase report, whatever the benchmark: the latency of every completed
 * operation (HdrHistogram {@link Recorder}, lock-free, nanoseconds, 3 significant digits, clamped to a maximum) and
 * failures, with the first one's text. The progress printer takes an interval each second. Subclasses add their
 * own counts.
 */
public class LatencyAndErrors {

    private final long latencyNsMax;
    private final Recorder latencies;
    private final LongAdder errors = new LongAdder();
    private volatile String firstError;
    private Histogram interval;

    protected LatencyAndErrors(long latencyNsMax) {
        this.latencyNsMax = latencyNsMax;
        this.latencies = new Recorder(latencyNsMax, 3);
    }

    public final void recordLatency(long latencyNs) {
        latencies.recordValue(Math.min(Math.max(latencyNs, 0), latencyNsMax));
    }

    public final void error(Throwable failure) {
        errors.increment();
        if (firstError == null) {
            firstError = String.valueOf(failure).replaceAll("\\s+", " ");
        }
    }

    /** The latencies recorded since the last call (one thread calls this: the printer). */
    public final Histogram takeInterval() {
        interval = latencies.getIntervalHistogram(interval);
        return interval;
    }

    public final long errors() {
        return errors.sum();
    }

    public final String firstError() {
        return firstError;
    }
}
