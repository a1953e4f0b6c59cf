package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Checks the values of one setting line against its {@link ValueKind} and returns them typed. */
final class ValueChecker {

    static final int PORT_MIN = 1;
    static final int PORT_MAX = 65_535;

    private ValueChecker() {
    }

    static Value check(Entry.Setting setting, ValueKind kind, ParseContext context) throws ConfigException {
        checkCount(setting, kind, context);
        try {
            return read(setting, kind);
        } catch (ValueSyntax.Malformed malformed) {
            throw context.error(setting.line(), "'" + setting.name() + "' " + malformed.getMessage());
        }
    }

    private static Value read(Entry.Setting setting, ValueKind kind) throws ValueSyntax.Malformed {
        List<String> values = setting.values();
        return switch (kind) {
            case ValueKind.Flag flag -> new Value.Flag(values.isEmpty() || ValueSyntax.parseFlag(values.getFirst()));
            case ValueKind.Unsigned unsigned -> new Value.Number(unsigned(values.getFirst(), unsigned));
            case ValueKind.PowerOfTwo power -> new Value.Number(powerOfTwo(values.getFirst(), power));
            case ValueKind.Seconds seconds -> new Value.Number(seconds(values.getFirst(), seconds));
            case ValueKind.Signed signed -> new Value.Number(signed(values.getFirst(), signed));
            case ValueKind.Hex hex -> new Value.Number(hex(values.getFirst(), hex));
            case ValueKind.Text text -> new Value.Text(text(values.getFirst(), text));
            case ValueKind.Choice choice -> new Value.Text(choice(values.getFirst(), choice));
            case ValueKind.Port port -> new Value.Number(port(values.getFirst()));
            case ValueKind.HostPort hostPort -> new Value.Text(hostPort(values.get(0), values.get(1)));
            case ValueKind.Words words -> new Value.Words(values);
        };
    }

    private static void checkCount(Entry.Setting setting, ValueKind kind, ParseContext context)
            throws ConfigException {
        int count = setting.values().size();
        String name = "'" + setting.name() + "'";
        switch (kind) {
            case ValueKind.Flag flag when flag.valueOptional() -> {
                if (count > 1) {
                    throw context.error(setting.line(), name + " takes at most one value, not " + count);
                }
            }
            case ValueKind.HostPort hostPort -> {
                if (count != 2) {
                    throw context.error(setting.line(), name + " needs a host and a port, not " + count + " values");
                }
            }
            case ValueKind.Words words -> {
                if (count < words.min() || count > words.max()) {
                    String expected = words.min() == words.max()
                            ? String.valueOf(words.min()) : words.min() + " to " + words.max();
                    throw context.error(setting.line(), name + " takes " + expected + " values, not " + count);
                }
            }
            default -> {
                if (count == 0) {
                    throw context.error(setting.line(), name + " needs a value");
                }
                if (count > 1) {
                    throw context.error(setting.line(), name + " takes one value, not " + count + ": "
                            + ValueSyntax.quote(String.join(" ", setting.values())));
                }
            }
        }
    }

    private static long unsigned(String text, ValueKind.Unsigned kind) throws ValueSyntax.Malformed {
        long value = ValueSyntax.parseSize(text);
        if (value < kind.min() || value > kind.max()) {
            throw outOfRange(text, kind.min(), kind.max(), kind.bytes());
        }
        return value;
    }

    private static long powerOfTwo(String text, ValueKind.PowerOfTwo kind) throws ValueSyntax.Malformed {
        long value = ValueSyntax.parseSize(text);
        if (value < kind.min() || value > kind.max() || Long.bitCount(value) != 1) {
            throw new ValueSyntax.Malformed("must be a power of two from " + ValueSyntax.describeBytes(kind.min())
                    + " to " + ValueSyntax.describeBytes(kind.max()) + ", not " + ValueSyntax.quote(text));
        }
        return value;
    }

    private static long seconds(String text, ValueKind.Seconds kind) throws ValueSyntax.Malformed {
        if (kind.neverAllowed() && text.equals("-1")) {
            return ValueKind.Seconds.NEVER;
        }
        long value = ValueSyntax.parseSeconds(text);
        if (value < kind.min() || value > kind.max()) {
            String never = kind.neverAllowed() ? " (or -1 for never)" : "";
            throw new ValueSyntax.Malformed("must be from " + kind.min() + " to " + kind.max() + " seconds" + never
                    + ", not " + ValueSyntax.quote(text));
        }
        return value;
    }

    private static long signed(String text, ValueKind.Signed kind) throws ValueSyntax.Malformed {
        long value = ValueSyntax.parseSigned(text);
        if (value < kind.min() || value > kind.max()) {
            throw outOfRange(text, kind.min(), kind.max(), false);
        }
        return value;
    }

    private static long hex(String text, ValueKind.Hex kind) throws ValueSyntax.Malformed {
        long value = ValueSyntax.parseHex(text);
        if (Long.compareUnsigned(value, kind.minUnsigned()) < 0) {
            throw new ValueSyntax.Malformed("must be at least " + Long.toHexString(kind.minUnsigned()) + ", not "
                    + ValueSyntax.quote(text));
        }
        return value;
    }

    private static String text(String text, ValueKind.Text kind) throws ValueSyntax.Malformed {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > kind.maxBytes()) {
            throw new ValueSyntax.Malformed("must be at most " + kind.maxBytes() + " bytes long, not " + bytes);
        }
        return text;
    }

    private static String choice(String text, ValueKind.Choice kind) throws ValueSyntax.Malformed {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String choice : kind.choices()) {
            if (choice.equals(lower)) {
                return choice;
            }
        }
        throw new ValueSyntax.Malformed("must be " + alternatives(kind.choices()) + ", not " + ValueSyntax.quote(text));
    }

    private static long port(String text) throws ValueSyntax.Malformed {
        long value = ValueSyntax.parseSize(text);
        if (value < PORT_MIN || value > PORT_MAX) {
            throw new ValueSyntax.Malformed("must be a port from " + PORT_MIN + " to " + PORT_MAX + ", not "
                    + ValueSyntax.quote(text));
        }
        return value;
    }

    private static String hostPort(String host, String portText) throws ValueSyntax.Malformed {
        long port = port(portText);
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    private static ValueSyntax.Malformed outOfRange(String text, long min, long max, boolean bytes) {
        String low = bytes ? ValueSyntax.describeBytes(min) : String.valueOf(min);
        String high = bytes ? ValueSyntax.describeBytes(max) : String.valueOf(max);
        String range = min == 0 ? "at most " + high : "from " + low + " to " + high;
        return new ValueSyntax.Malformed("must be " + range + ", not " + ValueSyntax.quote(text));
    }

    /** {@code a, b or c}. */
    static String alternatives(List<String> choices) {
        if (choices.size() == 1) {
            return choices.getFirst();
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.getLast();
    }
}
