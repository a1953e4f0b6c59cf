package io.terndb.tools.bench.kvcache;

import java.io.PrintWriter;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One measured phase. Throughput counts payload bytes of the objects that completed, in GiB/s (2^30 bytes), over
 * the wall time of the phase; latency is per object, from the call to its return. Client CPU is the benchmark
 * process's CPU time over the phase (client library, load threads, stamping and verification, JIT, GC) per GiB
 * moved: what the client side costs per byte, whatever else runs on the machine.
 */
record PhaseResult(String phase, Histogram latencies, long bytes, long elapsedNs, long cpuNs, long errors,
        long misses, long corruptObjects, String firstError) {

    static final double GIB = 1024.0 * 1024 * 1024;

    long objects() {
        return latencies.getTotalCount() - misses - corruptObjects;
    }

    double gibPerSecond() {
        return bytes / GIB / seconds();
    }

    double objectsPerSecond() {
        return objects() / seconds();
    }

    double clientCpuSecondsPerGib() {
        return bytes == 0 ? 0 : cpuNs / 1e9 / (bytes / GIB);
    }

    double percentileMs(double percentile) {
        return latencies.getValueAtPercentile(percentile) / 1e6;
    }

    double maxMs() {
        return latencies.getMaxValue() / 1e6;
    }

    boolean clean() {
        return errors == 0 && misses == 0 && corruptObjects == 0;
    }

    void print(PrintWriter out) {
        out.printf(Locale.ROOT, "%s: %d objects, %.2f GiB in %.2f s: %.3f GiB/s, %.1f objects/s, p50 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms, errors %d, misses %d, corrupt %d, client CPU %.2f s/GiB%n",
                phase, objects(), bytes / GIB, seconds(), gibPerSecond(), objectsPerSecond(), percentileMs(50),
                percentileMs(99), maxMs(), errors, misses, corruptObjects, clientCpuSecondsPerGib());
        if (firstError != null) {
            out.println(phase + " first error: " + firstError);
        }
    }

    /** One line of {@code name=value} pairs for scripts (bench/kvcache.sh builds its table from these). */
    String resultLine(KvCacheSettings settings) {
        return String.format(Locale.ROOT, "result target=%s object_bytes=%d in_flight=%d phase=%s objects=%d "
                        + "gib_per_s=%.4f objects_per_s=%.2f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d misses=%d "
                        + "corrupt=%d verify=%s client_cpu_s_per_gib=%.3f", settings.target().label(),
                settings.objectBytes(), settings.inFlight(), phase, objects(), gibPerSecond(), objectsPerSecond(),
                percentileMs(50), percentileMs(99), maxMs(), errors, misses, corruptObjects,
                settings.verify() ? "on" : "off", clientCpuSecondsPerGib());
    }

    private double seconds() {
        return Math.max(1e-9, elapsedNs / 1e9);
    }
}
