package io.terndb.tools.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The workload run against every peer: {@code threads} closed-loop clients, each op a read with probability
 * {@code readPercent}% and otherwise an update, on a key drawn uniformly from {@code [0, keys)}.
 *
 * @param seed seeds the value bytes and every thread's key and operation choices
 */
public record Workload(
        int threads, int keys, int valueBytes, int readPercent, Duration warmup, Duration measured, long seed) {
    public static final int THREADS_MAX = 4096;
    public static final int VALUE_BYTES_MAX = 1024 * 1024;
    /** Keeps the value's random stream apart from the threads' streams, which derive from the bare seed. */
    private static final long VALUE_SEED_SALT = 0x5EED_7A1E_0000_0001L;

    public Workload {
        require(threads >= 1 && threads <= THREADS_MAX, "threads=" + threads + " must be in [1, " + THREADS_MAX + "]");
        require(keys >= 1, "keys=" + keys + " must be >= 1");
        require(valueBytes >= 1 && valueBytes <= VALUE_BYTES_MAX,
                "valueBytes=" + valueBytes + " must be in [1, " + VALUE_BYTES_MAX + "]");
        require(readPercent >= 0 && readPercent <= 100, "readPercent=" + readPercent + " must be in [0, 100]");
        require(!warmup.isNegative(), "warmup=" + warmup + " must not be negative");
        require(measured.isPositive(), "measured=" + measured + " must be positive");
    }

    /** The value every update writes: {@code valueBytes} random bytes, the same for every peer of a run. */
    public byte[] randomValue() {
        byte[] value = new byte[valueBytes];
        new SplittableRandom(seed ^ VALUE_SEED_SALT).nextBytes(value);
        return value;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** One line, e.g. {@code 32 threads, 100000 keys, 100-byte values, 50% reads / 50% updates, ...}. */
    public String describe() {
        return String.format(Locale.ROOT,
                "%d threads, %d keys, %d-byte values, %d%% reads / %d%% updates, warm-up %s, measured %s, seed %d",
                threads, keys, valueBytes, readPercent, 100 - readPercent, Durations.text(warmup),
                Durations.text(measured), seed);
    }
}
