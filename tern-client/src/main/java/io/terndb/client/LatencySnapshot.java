package io.terndb.client;

import org.HdrHistogram.Histogram;

/** Latencies of completed commands since the client started, from an HdrHistogram (3 significant digits). */
public final class LatencySnapshot {

    private final Histogram histogram;

    public LatencySnapshot(Histogram histogram) {
        this.histogram = histogram;
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0-100) in nanoseconds; 0 when nothing was recorded. */
    public long percentileNs(double percentile) {
        return histogram.getValueAtPercentile(percentile);
    }

    public long maxNs() {
        return histogram.getMaxValue();
    }

    public double meanNs() {
        return histogram.getMean();
    }

    /** A copy of the underlying histogram, for tools that print or merge distributions. */
    public Histogram histogram() {
        return histogram.copy();
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "count=%d p50=%dus p99=%dus p99.9=%dus max=%dus", count(),
                percentileNs(50) / 1000, percentileNs(99) / 1000, percentileNs(99.9) / 1000, maxNs() / 1000);
    }
}
