package io.terndb.client.internal.metrics;

import io.terndb.client.LatencySnapshot;
import org.HdrHistogram.AtomicHistogram;
import org.HdrHistogram.Histogram;

/**
 * A latency histogram that many threads record into without locks or allocation: one of a few HdrHistogram
 * {@link AtomicHistogram}s picked by thread id, so threads running at the same time rarely share counters (a
 * shared one costs a cache-line transfer per command). Recording is two atomic increments. A snapshot adds the
 * stripes up; it may miss a value being recorded at that instant, which metrics can afford. Two significant digits
 * (1% resolution) keep each stripe small.
 */
public final class LatencyRecorder {

    /** Latencies above one minute are clamped: they are timeouts in all but name. */
    static final long LATENCY_NS_MAX = 60_000_000_000L;
    static final int SIGNIFICANT_DIGITS = 2;
    private static final int STRIPES = Integer.highestOneBit(
            Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2;

    private final AtomicHistogram[] stripes = new AtomicHistogram[STRIPES];

    public LatencyRecorder() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new AtomicHistogram(LATENCY_NS_MAX, SIGNIFICANT_DIGITS);
        }
    }

    public void record(long latencyNs) {
        AtomicHistogram stripe = stripes[(int) Thread.currentThread().threadId() & (STRIPES - 1)];
        stripe.recordValue(Math.max(0, Math.min(latencyNs, LATENCY_NS_MAX)));
    }

    public LatencySnapshot snapshot() {
        Histogram total = new Histogram(LATENCY_NS_MAX, SIGNIFICANT_DIGITS);
        for (AtomicHistogram stripe : stripes) {
            total.add(stripe);
        }
        return new LatencySnapshot(total);
    }
}
