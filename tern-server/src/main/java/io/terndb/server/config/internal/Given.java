package io.terndb.server.config.internal;

/**
 * A value the file sets explicitly, with the line that sets it, for settings whose defaults depend on other settings
 * or whose relations are checked once the stanza is complete. Absent settings are {@code null}.
 */
record Given(long value, int line) {

    static Given of(Value value, Entry.Setting entry) {
        return new Given(value.asLong(), entry.line());
    }

    /** The value when given, otherwise the default. */
    static long orElse(Given given, long defaultValue) {
        return given == null ? defaultValue : given.value();
    }
}
