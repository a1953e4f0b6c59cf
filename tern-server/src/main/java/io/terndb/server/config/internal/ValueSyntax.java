package io.terndb.server.config.internal;

import java.util.Locale;

/**
 * The spelling of values in an Aerospike-format file: numbers with binary size suffixes, durations with time
 * suffixes, booleans and hexadecimal ids. Pure functions; a value that does not parse raises {@link Malformed} whose
 * reason completes a sentence that starts with the setting's name.
 */
public final class ValueSyntax {

    /** Longest piece of a value quoted in a message; garbage lines can be megabytes long. */
    private static final int QUOTE_CHARS_MAX = 60;
    private static final long SECONDS_PER_MINUTE = 60;
    private static final long SECONDS_PER_HOUR = 60 * SECONDS_PER_MINUTE;
    private static final long SECONDS_PER_DAY = 24 * SECONDS_PER_HOUR;

    private ValueSyntax() {
    }

    /** A value that does not read as its kind; the reason reads after the setting's name. */
    public static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Digits with an optional binary suffix K, M, G, T or P in either case: {@code 4G} is 4 * 2^30. */
    public static long parseSize(String text) throws Malformed {
        int digitsEnd = digitsEnd(text);
        if (digitsEnd == 0) {
            throw new Malformed("must be an unsigned number, not " + quote(text));
        }
        long multiplier = 1;
        if (digitsEnd < text.length()) {
            multiplier = sizeMultiplier(text, digitsEnd);
        }
        return multiplyExact(parseDigits(text, digitsEnd), multiplier, text);
    }

    /** Digits with an optional suffix s, m, h or d in either case: {@code 30d} is 2592000 seconds. */
    public static long parseSeconds(String text) throws Malformed {
        int digitsEnd = digitsEnd(text);
        if (digitsEnd == 0) {
            throw new Malformed("must be an unsigned number of seconds, not " + quote(text));
        }
        long multiplier = 1;
        if (digitsEnd < text.length()) {
            multiplier = secondsMultiplier(text, digitsEnd);
        }
        return multiplyExact(parseDigits(text, digitsEnd), multiplier, text);
    }

    /** A plain decimal integer with an optional leading '-'. */
    public static long parseSigned(String text) throws Malformed {
        boolean negative = text.startsWith("-");
        String digits = negative ? text.substring(1) : text;
        if (digits.isEmpty() || digitsEnd(digits) != digits.length()) {
            throw new Malformed("must be a whole number, not " + quote(text));
        }
        long magnitude = parseDigits(digits, digits.length());
        return negative ? -magnitude : magnitude;
    }

    /** Up to 16 hexadecimal digits, optionally after {@code 0x}; the result is the unsigned value's bits. */
    public static long parseHex(String text) throws Malformed {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() > 16 || !isHex(digits)) {
            throw new Malformed("must be a 64-bit hexadecimal number, not " + quote(text));
        }
        return Long.parseUnsignedLong(digits, 16);
    }

    /** {@code true}, {@code yes}, {@code false} or {@code no}, in any case. */
    public static boolean parseFlag(String text) throws Malformed {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> true;
            case "false", "no" -> false;
            default -> throw new Malformed("must be true, false, yes or no, not " + quote(text));
        };
    }

    /** A value as quoted in messages: in single quotes, cut short when long. */
    public static String quote(String text) {
        if (text.length() <= QUOTE_CHARS_MAX) {
            return "'" + text + "'";
        }
        return "'" + text.substring(0, QUOTE_CHARS_MAX) + "...'";
    }

    /** A size for messages: {@code 8 MiB} when exact, otherwise in bytes. */
    public static String describeBytes(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        String best = bytes + " bytes";
        long value = bytes;
        for (String unit : units) {
            if (value == 0 || value % 1024 != 0) {
                break;
            }
            value /= 1024;
            best = value + " " + unit;
        }
        return best;
    }

    private static long sizeMultiplier(String text, int suffixStart) throws Malformed {
        String suffix = text.substring(suffixStart);
        int shift = switch (suffix) {
            case "k", "K" -> 10;
            case "m", "M" -> 20;
            case "g", "G" -> 30;
            case "t", "T" -> 40;
            case "p", "P" -> 50;
            default -> throw new Malformed("has an unknown size suffix in " + quote(text)
                    + " (use K, M, G, T or P, or plain bytes)");
        };
        return 1L << shift;
    }

    private static long secondsMultiplier(String text, int suffixStart) throws Malformed {
        String suffix = text.substring(suffixStart);
        return switch (suffix) {
            case "s", "S" -> 1;
            case "m", "M" -> SECONDS_PER_MINUTE;
            case "h", "H" -> SECONDS_PER_HOUR;
            case "d", "D" -> SECONDS_PER_DAY;
            default -> throw new Malformed("has an unknown time suffix in " + quote(text)
                    + " (use s, m, h or d, or plain seconds)");
        };
    }

    private static int digitsEnd(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
        }
        return end;
    }

    private static long parseDigits(String text, int digitsEnd) throws Malformed {
        long value = 0;
        for (int i = 0; i < digitsEnd; i++) {
            int digit = text.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw new Malformed("is too large: " + quote(text));
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static long multiplyExact(long value, long multiplier, String text) throws Malformed {
        if (value > Long.MAX_VALUE / multiplier) {
            throw new Malformed("is too large: " + quote(text));
        }
        return value * multiplier;
    }

    private static boolean isHex(String digits) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }
}
