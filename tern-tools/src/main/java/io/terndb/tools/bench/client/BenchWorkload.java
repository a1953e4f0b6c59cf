package io.terndb.tools.bench.client;

/**
 * What each operation does, as asbench writes it: {@code I} inserts every key once, in order; {@code RU,<read%>}
 * reads or updates (writes every bin of) uniformly random keys.
 *
 * @param insert      true for {@code I}
 * @param readPercent for {@code RU}: the share of reads, 0-100
 */
public record BenchWorkload(boolean insert, int readPercent) {

    public BenchWorkload {
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("read percent=" + readPercent + " (0 to 100)");
        }
    }

    public static BenchWorkload parse(String text) {
        String trimmed = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (trimmed.equals("I")) {
            return new BenchWorkload(true, 0);
        }
        if (trimmed.startsWith("RU,")) {
            try {
                return new BenchWorkload(false, Integer.parseInt(trimmed.substring(3)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("workload=" + text + " (read percent is not a number)", e);
            }
        }
        throw new IllegalArgumentException("workload=" + text + " (use I or RU,<read percent>)");
    }

    @Override
    public String toString() {
        return insert ? "I" : "RU," + readPercent;
    }
}
