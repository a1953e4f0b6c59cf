package io.terndb.tools.bench.client;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One benchmark run, validated.
 *
 * @param driver      which client library runs the workload
 * @param host        server host
 * @param port        server port
 * @param namespace   namespace
 * @param set         set
 * @param workload    {@code I} or {@code RU,<read%>}
 * @param keys        how many keys: {@code [startKey, startKey + keys)}
 * @param startKey    first key
 * @param bins        bins per record, named {@code b0, b1, ...}
 * @param binBytes    bytes per bin (bytes and string bins)
 * @param binType     bin value type
 * @param threads     sync threads (sync mode)
 * @param async       async mode: {@code concurrency} commands in flight
 * @param concurrency async commands in flight
 * @param eventLoops  async event loops (both drivers)
 * @param duration    measured time, unless {@code operations} is set
 * @param operations  measured operation count (0 = run for {@code duration})
 * @param throughput  ops/s cap (0 = none)
 * @param warmup      time run and discarded before measuring
 * @param seed        seeds bin values and key choices
 */
public record BenchSettings(
        Driver driver, String host, int port, String namespace, String set, BenchWorkload workload, int keys,
        long startKey, int bins, int binBytes, BinType binType, int threads, boolean async, int concurrency,
        int eventLoops, Duration duration, long operations, long throughput, Duration warmup, long seed) {

    public static final int THREADS_MAX = 4096;
    public static final int CONCURRENCY_MAX = 100_000;
    public static final int BIN_BYTES_MAX = 1024 * 1024;
    public static final int BINS_MAX = 100;

    /** Which client library drives the load. */
    public enum Driver { TERN, AEROSPIKE }

    public BenchSettings {
        require(keys >= 1, "keys=" + keys + " (at least 1)");
        require(startKey >= 0, "startKey=" + startKey + " (zero or more)");
        require(bins >= 1 && bins <= BINS_MAX, "bins=" + bins + " (1 to " + BINS_MAX + ")");
        require(binBytes >= 1 && binBytes <= BIN_BYTES_MAX, "binBytes=" + binBytes + " (1 to " + BIN_BYTES_MAX + ")");
        require(threads >= 1 && threads <= THREADS_MAX, "threads=" + threads + " (1 to " + THREADS_MAX + ")");
        require(concurrency >= 1 && concurrency <= CONCURRENCY_MAX,
                "concurrency=" + concurrency + " (1 to " + CONCURRENCY_MAX + ")");
        require(eventLoops >= 1 && eventLoops <= 64, "eventLoops=" + eventLoops + " (1 to 64)");
        require(duration.isPositive() || operations > 0, "duration=" + duration + " (positive, or give operations)");
        require(operations >= 0, "operations=" + operations + " (zero or more)");
        require(throughput >= 0, "throughput=" + throughput + " (zero or more)");
        require(!warmup.isNegative(), "warmup=" + warmup + " (zero or more)");
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The bin values every write sends: the same for every run with the same seed, whatever the driver. */
    public Object[] binValues() {
        SplittableRandom random = new SplittableRandom(seed);
        Object[] values = new Object[bins];
        for (int i = 0; i < bins; i++) {
            values[i] = switch (binType) {
                case INTEGER -> random.nextLong();
                case BYTES -> {
                    byte[] bytes = new byte[binBytes];
                    random.nextBytes(bytes);
                    yield bytes;
                }
                case STRING -> {
                    StringBuilder text = new StringBuilder(binBytes);
                    for (int c = 0; c < binBytes; c++) {
                        text.append((char) ('a' + random.nextInt(26)));
                    }
                    yield text.toString();
                }
            };
        }
        return values;
    }

    /**
     * Whether a warm-up runs first: not for an operation count (it is all measured) nor for inserts (the warm-up
     * would insert keys the measured phase then never sees).
     */
    public boolean hasWarmup() {
        return operations == 0 && !workload.insert() && warmup.isPositive();
    }

    public String describe() {
        String load = async ? "async, " + concurrency + " in flight, " + eventLoops + " event loop(s)"
                : "sync, " + threads + " threads";
        String length = operations > 0 ? operations + " operations" : duration.toSeconds() + " s";
        return String.format(Locale.ROOT, "driver %s, %s, workload %s, keys %d from %d, %d x %d-byte %s bin(s), %s"
                        + "%s, %s, seed %d", driver.name().toLowerCase(Locale.ROOT), load, workload, keys,
                startKey, bins, binBytes, binType.name().toLowerCase(Locale.ROOT), length,
                throughput > 0 ? ", capped at " + throughput + " ops/s" : "",
                hasWarmup() ? "warm-up " + warmup.toSeconds() + " s" : "no warm-up", seed);
    }
}
