package io.terndb.server.config.internal;

import java.util.List;

/**
 * What a setting's values must look like, and the limits they must respect. {@link ValueChecker} turns the words of
 * a setting line into a {@link Value} according to its kind.
 */
public sealed interface ValueKind {

    /** {@code true|false|yes|no}; with {@code valueOptional} a bare name means true ({@code run-as-daemon}). */
    record Flag(boolean valueOptional) implements ValueKind {
    }

    /**
     * A decimal number, optionally with a binary suffix K, M, G, T or P (as the original accepts for every number).
     *
     * @param bytes whether the number is a size, so that messages show the limits in KiB, MiB, ...
     */
    record Unsigned(long min, long max, boolean bytes) implements ValueKind {
    }

    /** A size, as {@link Unsigned}, that must be an exact power of two. */
    record PowerOfTwo(long min, long max) implements ValueKind {
    }

    /**
     * A duration in seconds: digits with an optional suffix s, m, h or d.
     *
     * @param neverAllowed whether {@code -1} (never expire) is accepted; it reads as {@link #NEVER}
     */
    record Seconds(long min, long max, boolean neverAllowed) implements ValueKind {
        public static final long NEVER = -1;
    }

    /** A plain decimal integer that may be negative ({@code default-read-touch-ttl-pct -1}). */
    record Signed(long min, long max) implements ValueKind {
    }

    /** A 64-bit hexadecimal number, optionally prefixed 0x, read as unsigned ({@code node-id}). */
    record Hex(long minUnsigned) implements ValueKind {
    }

    /** One word, at most {@code maxBytes} bytes of UTF-8. */
    record Text(int maxBytes) implements ValueKind {
    }

    /** One word out of a fixed list, compared ignoring case. */
    record Choice(List<String> choices) implements ValueKind {
        public Choice {
            choices = List.copyOf(choices);
        }
    }

    /** A TCP or UDP port, 1..65535. */
    record Port() implements ValueKind {
    }

    /** {@code HOST PORT}: two words, read as {@code host:port} ({@code [host]:port} when the host is IPv6). */
    record HostPort() implements ValueKind {
    }

    /** Between {@code min} and {@code max} free words, checked by the reader ({@code context any info}). */
    record Words(int min, int max) implements ValueKind {
    }
}
