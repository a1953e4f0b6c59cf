package io.terndb.server.config.internal;

import java.util.List;

/**
 * A setting's value after {@link ValueChecker} has checked it against its {@link ValueKind}. Readers know the kind of
 * each setting they apply, so asking for another type is a bug in TernDB, not in the file.
 */
public sealed interface Value {

    default boolean asBoolean() {
        throw new IllegalStateException("not a flag: " + this);
    }

    default long asLong() {
        throw new IllegalStateException("not a number: " + this);
    }

    default String asText() {
        throw new IllegalStateException("not a text: " + this);
    }

    default List<String> asWords() {
        throw new IllegalStateException("not words: " + this);
    }

    record Flag(boolean value) implements Value {
        @Override
        public boolean asBoolean() {
            return value;
        }
    }

    /** Numbers, sizes in bytes, durations in seconds, ports, and hexadecimal ids (as unsigned 64-bit). */
    record Number(long value) implements Value {
        @Override
        public long asLong() {
            return value;
        }
    }

    /** One word; for {@link ValueKind.Choice} the choice as listed (lower case). */
    record Text(String value) implements Value {
        @Override
        public String asText() {
            return value;
        }
    }

    record Words(List<String> values) implements Value {
        public Words {
            values = List.copyOf(values);
        }

        @Override
        public List<String> asWords() {
            return values;
        }
    }
}
