package io.terndb.client.internal.metrics;

import io.terndb.client.LatencySnapshot;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency histogram that many threads record into without locks or allocation (HdrHistogram's
 * {@link Recorder}); a snapshot folds the interval recorded since the last one into a running total.
 */
public final class LatencyRecorder {

    /** Latencies above one minute are clamped: they are timeouts in all but name. */
    static final long LATENCY_NS_MAX = 60_000_000_000L;
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Recorder recorder = new Recorder(LATENCY_NS_MAX, SIGNIFICANT_DIGITS);
    private final Histogram total = new Histogram(LATENCY_NS_MAX, SIGNIFICANT_DIGITS);
    private Histogram interval;

    public void record(long latencyNs) {
        recorder.recordValue(Math.max(0, Math.min(latencyNs, LATENCY_NS_MAX)));
    }

    public synchronized LatencySnapshot snapshot() {
        interval = recorder.getIntervalHistogram(interval);
        total.add(interval);
        return new LatencySnapshot(total.copy());
    }
}
