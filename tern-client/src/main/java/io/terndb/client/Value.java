package io.terndb.client;

import io.terndb.protocol.ParticleType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bin value or a user key: integer, double, string, bytes, boolean, list or map, or null (which deletes a bin
 * when written). Lists and maps may hold the same kinds of values, as plain Java objects ({@code Long},
 * {@code Integer}, {@code Double}, {@code String}, {@code byte[]}, {@code Boolean}, {@code List}, {@code Map},
 * {@code null}) or as {@code Value}s; they travel as MessagePack.
 *
 * <pre>{@code
 * Value.of(42); Value.of("text"); Value.of(List.of(1, "a")); Value.of(Map.of("k", 1.5));
 * }</pre>
 */
public sealed interface Value {

    /** The particle type this value is sent as (reference §5.3). */
    int particleType();

    /** The value as a plain Java object, the form {@link Record} returns. */
    Object toObject();

    static Value of(long value) {
        return new IntegerValue(value);
    }

    static Value of(double value) {
        return new DoubleValue(value);
    }

    static Value of(String value) {
        return value == null ? NullValue.INSTANCE : new StringValue(value);
    }

    static Value of(byte[] value) {
        return value == null ? NullValue.INSTANCE : new BytesValue(value);
    }

    /**
     * The buffer's remaining bytes as a blob, without copying them: for sending a part of a large buffer (the
     * value sees the bytes between the position and limit at this call; later moves of them do not matter).
     * Do not change those bytes until every command carrying the value has completed.
     */
    static Value of(ByteBuffer value) {
        return value == null ? NullValue.INSTANCE : new ByteBufferValue(value.slice());
    }

    static Value of(boolean value) {
        return value ? BooleanValue.TRUE : BooleanValue.FALSE;
    }

    static Value of(List<?> value) {
        return value == null ? NullValue.INSTANCE : new ListValue(value);
    }

    static Value of(Map<?, ?> value) {
        return value == null ? NullValue.INSTANCE : new MapValue(value);
    }

    static Value ofNull() {
        return NullValue.INSTANCE;
    }

    /**
     * Converts a plain Java object ({@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Double},
     * {@code Float}, {@code String}, {@code byte[]}, {@code Boolean}, {@code List}, {@code Map}, {@code Value},
     * {@code null}).
     *
     * @throws IllegalArgumentException for any other type
     */
    static Value ofObject(Object value) {
        return switch (value) {
            case null -> NullValue.INSTANCE;
            case Value already -> already;
            case Long number -> of(number.longValue());
            case Integer number -> of(number.longValue());
            case Short number -> of(number.longValue());
            case Byte number -> of(number.longValue());
            case Double number -> of(number.doubleValue());
            case Float number -> of(number.doubleValue());
            case String text -> of(text);
            case byte[] bytes -> of(bytes);
            case Boolean flag -> of(flag.booleanValue());
            case List<?> list -> of(list);
            case Map<?, ?> map -> of(map);
            default -> throw new IllegalArgumentException("value type=" + value.getClass().getName()
                    + " (use long, double, String, byte[], boolean, List or Map)");
        };
    }

    /** A 64-bit signed integer. */
    record IntegerValue(long value) implements Value {
        @Override
        public int particleType() {
            return ParticleType.INTEGER;
        }

        @Override
        public Object toObject() {
            return value;
        }
    }

    /** A 64-bit IEEE-754 double. */
    record DoubleValue(double value) implements Value {
        @Override
        public int particleType() {
            return ParticleType.DOUBLE;
        }

        @Override
        public Object toObject() {
            return value;
        }
    }

    /** A UTF-8 string; its bytes are computed once. */
    record StringValue(String value, byte[] utf8) implements Value {
        public StringValue(String value) {
            this(Objects.requireNonNull(value, "value"), value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public int particleType() {
            return ParticleType.STRING;
        }

        @Override
        public Object toObject() {
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof StringValue that && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** Raw bytes (a blob). The array is not copied: do not change it while a command uses it. */
    record BytesValue(byte[] value) implements Value {
        public BytesValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int particleType() {
            return ParticleType.BLOB;
        }

        @Override
        public Object toObject() {
            return value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BytesValue that && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "bytes[" + value.length + "]";
        }
    }

    /**
     * A blob that is a slice of a (heap or direct) buffer, written as the same particle as {@link BytesValue}: the
     * encoder copies it straight into the request, so a caller storing parts of a large buffer copies nothing.
     * Equal to another slice with the same bytes.
     */
    record ByteBufferValue(ByteBuffer value) implements Value {
        public ByteBufferValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int particleType() {
            return ParticleType.BLOB;
        }

        /** A copy of the bytes, as a {@link Record} would hold them. */
        @Override
        public Object toObject() {
            byte[] bytes = new byte[value.remaining()];
            value.get(value.position(), bytes);
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ByteBufferValue that && value.equals(that.value);
        }

        @Override
        public int hashCode() {
            return value.hashCode();
        }

        @Override
        public String toString() {
            return "bytes[" + value.remaining() + "]";
        }
    }

    /** A boolean, sent as the BOOL particle. */
    record BooleanValue(boolean value) implements Value {
        static final BooleanValue TRUE = new BooleanValue(true);
        static final BooleanValue FALSE = new BooleanValue(false);

        @Override
        public int particleType() {
            return ParticleType.BOOL;
        }

        @Override
        public Object toObject() {
            return value;
        }
    }

    /** A list, sent as MessagePack. */
    record ListValue(List<?> value) implements Value {
        public ListValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int particleType() {
            return ParticleType.LIST;
        }

        @Override
        public Object toObject() {
            return value;
        }
    }

    /** A map, sent as MessagePack; a {@code SortedMap} is sent key-ordered. */
    record MapValue(Map<?, ?> value) implements Value {
        public MapValue {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public int particleType() {
            return ParticleType.MAP;
        }

        @Override
        public Object toObject() {
            return value;
        }
    }

    /** No value: writing it deletes the bin. */
    enum NullValue implements Value {
        INSTANCE;

        @Override
        public int particleType() {
            return ParticleType.NULL;
        }

        @Override
        public Object toObject() {
            return null;
        }
    }
}
