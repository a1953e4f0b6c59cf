package io.terndb.tools.bench.client;

import java.io.PrintWriter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The measured phase of one run: operations, throughput, latency percentiles, errors, and client CPU per
 * operation (process CPU time of the benchmark JVM over the measured phase, divided by completed operations).
 */
record BenchSummary(BenchSettings settings, Histogram latencies, long elapsedNs, long errors, long misses,
        long cpuNs, String firstError) {

    long operations() {
        return latencies.getTotalCount();
    }

    double opsPerSecond() {
        return operations() * 1e9 / Math.max(1, elapsedNs);
    }

    double cpuUsPerOperation() {
        return operations() == 0 ? 0 : cpuNs / 1_000.0 / operations();
    }

    void print(PrintWriter out, String driverDescription) {
        out.println();
        out.println("== summary: " + settings.describe());
        out.println("client: " + driverDescription + "; JVM " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors");
        out.printf(Locale.ROOT, "measured %.1f s: %d ops, %.0f ops/s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, "
                        + "max %.1f us, errors %d, read misses %d%n", elapsedNs / 1e9, operations(), opsPerSecond(),
                BenchRun.percentileUs(latencies, 50), BenchRun.percentileUs(latencies, 99),
                BenchRun.percentileUs(latencies, 99.9), latencies.getMaxValue() / 1_000.0, errors, misses);
        out.printf(Locale.ROOT, "client CPU: %.2f s over the measured phase, %.2f us per operation%n", cpuNs / 1e9,
                cpuUsPerOperation());
        if (firstError != null) {
            out.println("first error: " + firstError);
        }
        out.printf(Locale.ROOT, "result driver=%s mode=%s workload=%s ops_per_s=%.0f p50_us=%.1f p99_us=%.1f "
                        + "p999_us=%.1f errors=%d cpu_us_per_op=%.2f%n",
                settings.driver().name().toLowerCase(Locale.ROOT), settings.async() ? "async" : "sync",
                settings.workload(), opsPerSecond(), BenchRun.percentileUs(latencies, 50),
                BenchRun.percentileUs(latencies, 99), BenchRun.percentileUs(latencies, 99.9), errors,
                cpuUsPerOperation());
        out.flush();
    }
}
