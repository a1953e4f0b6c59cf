package io.terndb.client;

import io.terndb.protocol.OperationType;
import java.util.Objects;

/**
 * One step of an {@code operate} command, applied in order to one record in one round trip.
 *
 * <pre>{@code
 * Record result = client.operate(key, Operation.add(new Bin("count", 1)), Operation.get("count"));
 * }</pre>
 *
 * @param kind    what the step does
 * @param binName the bin it applies to; empty for steps on the whole record
 * @param value   the operand; {@link Value#ofNull()} for steps without one
 */
public record Operation(Kind kind, String binName, Value value) {

    /** The kinds of step, with their wire operation codes (reference §5.2). */
    public enum Kind {
        READ(OperationType.READ, false),
        READ_ALL(OperationType.READ, false),
        READ_HEADER(OperationType.READ, false),
        WRITE(OperationType.WRITE, true),
        INCREMENT(OperationType.INCREMENT, true),
        APPEND(OperationType.APPEND, true),
        PREPEND(OperationType.PREPEND, true),
        TOUCH(OperationType.TOUCH, true),
        DELETE(OperationType.DELETE_ALL, true);

        private final int wireType;
        private final boolean write;

        Kind(int wireType, boolean write) {
            this.wireType = wireType;
            this.write = write;
        }

        public int wireType() {
            return wireType;
        }

        public boolean isWrite() {
            return write;
        }
    }

    public Operation {
        Objects.requireNonNull(kind, "kind");
        Bin.checkName(binName);
        Objects.requireNonNull(value, "value");
    }

    /** Reads one bin. */
    public static Operation get(String binName) {
        if (binName.isEmpty()) {
            throw new IllegalArgumentException("binName='' (use get() to read every bin)");
        }
        return new Operation(Kind.READ, binName, Value.ofNull());
    }

    /** Reads every bin. */
    public static Operation get() {
        return new Operation(Kind.READ_ALL, "", Value.ofNull());
    }

    /** Reads generation and expiry only. */
    public static Operation getHeader() {
        return new Operation(Kind.READ_HEADER, "", Value.ofNull());
    }

    /** Writes a bin (a null value deletes it). */
    public static Operation put(Bin bin) {
        return new Operation(Kind.WRITE, bin.name(), bin.value());
    }

    /** Adds an integer or double to a bin, creating it if absent. */
    public static Operation add(Bin bin) {
        if (!(bin.value() instanceof Value.IntegerValue) && !(bin.value() instanceof Value.DoubleValue)) {
            throw new IllegalArgumentException("add value type=" + bin.value().getClass().getSimpleName()
                    + " (must be integer or double)");
        }
        return new Operation(Kind.INCREMENT, bin.name(), bin.value());
    }

    /** Appends a string or bytes to a bin. */
    public static Operation append(Bin bin) {
        return new Operation(Kind.APPEND, bin.name(), checkConcatenable(bin));
    }

    /** Prepends a string or bytes to a bin. */
    public static Operation prepend(Bin bin) {
        return new Operation(Kind.PREPEND, bin.name(), checkConcatenable(bin));
    }

    /** Resets the record's TTL (per the write policy) and bumps its generation; the record must exist. */
    public static Operation touch() {
        return new Operation(Kind.TOUCH, "", Value.ofNull());
    }

    /** Deletes the whole record; later steps of the same command see no record. */
    public static Operation delete() {
        return new Operation(Kind.DELETE, "", Value.ofNull());
    }

    private static Value checkConcatenable(Bin bin) {
        if (!(bin.value() instanceof Value.StringValue) && !(bin.value() instanceof Value.BytesValue)) {
            throw new IllegalArgumentException("append/prepend value type=" + bin.value().getClass().getSimpleName()
                    + " (must be string or bytes)");
        }
        return bin.value();
    }
}
