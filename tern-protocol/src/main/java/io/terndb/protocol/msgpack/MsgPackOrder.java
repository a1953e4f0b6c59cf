package io.terndb.protocol.msgpack;

import static io.terndb.protocol.msgpack.MsgPackFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The original server's order of MessagePack values, used everywhere values are ordered: list sort, ordered
 * lists, ranks, value intervals, map key order.
 *
 * <ol>
 *   <li>Kinds first ({@link MsgPackType}): nil &lt; false &lt; true &lt; negative integers &lt; non-negative
 *       integers &lt; strings &lt; lists &lt; maps &lt; bytes &lt; doubles &lt; GeoJSON &lt; other ext &lt;
 *       wildcard &lt; infinity. An integer never equals a double, whatever their values.</li>
 *   <li>Integers by value (non-negative ones as unsigned 64-bit); doubles by value (NaN equal to anything, as C's
 *       comparisons make it); strings, bytes, GeoJSON and ext payloads byte by byte (unsigned, the particle-type
 *       byte included), then the shorter first.</li>
 *   <li>Lists element by element, then the shorter first; maps by size first, then pair by pair in stored order.
 *       An ordering ext header is not an element.</li>
 *   <li>A wildcard met anywhere ends the comparison as equal: {@code [1, WILDCARD]} equals every list starting
 *       with 1, whatever follows.</li>
 * </ol>
 *
 * Malformed or truncated input and nesting deeper than {@link MsgPackFormat#DEPTH_MAX} throw {@link
 * MalformedMsgPackException}. Not thread-safe: one instance per thread.
 */
public final class MsgPackOrder {

    private static final int LESS = -1;
    private static final int EQUAL = 0;
    private static final int GREATER = 1;
    /** A wildcard was met: the whole comparison is equal. */
    private static final int STOP = 2;

    private final MsgPackInput left = new MsgPackInput();
    private final MsgPackInput right = new MsgPackInput();

    // The value last parsed on each side (read into locals before any recursion).
    private int parsedType;
    private long parsedInteger;
    private double parsedDouble;
    private long parsedData;
    private long parsedLength;

    /**
     * Compares the value at {@code leftAt} (within {@code leftLimit}) with the one at {@code rightAt}; returns a
     * negative number, zero or a positive number.
     */
    public int compare(MemorySegment leftSegment, long leftAt, long leftLimit, MemorySegment rightSegment,
            long rightAt, long rightLimit) {
        left.wrap(leftSegment, leftAt, leftLimit - leftAt);
        right.wrap(rightSegment, rightAt, rightLimit - rightAt);
        int result = compareValues(0);
        return result == STOP ? EQUAL : result;
    }

    /** Compares the values at the two cursors' positions (the cursors themselves are not moved). */
    public int compare(MsgPackInput leftInput, MsgPackInput rightInput) {
        return compare(leftInput.segment(), leftInput.position(), leftInput.limit(), rightInput.segment(),
                rightInput.position(), rightInput.limit());
    }

    private int compareValues(int depth) {
        if (depth > DEPTH_MAX) {
            throw MalformedMsgPackException.INSTANCE;
        }
        parse(left);
        int leftType = parsedType;
        long leftInteger = parsedInteger;
        double leftDouble = parsedDouble;
        long leftData = parsedData;
        long leftLength = parsedLength;
        parse(right);
        int rightType = parsedType;
        if (leftType == MsgPackType.WILDCARD || rightType == MsgPackType.WILDCARD) {
            return STOP;
        }
        if (leftType != rightType) {
            return leftType < rightType ? LESS : GREATER;
        }
        return switch (leftType) {
            case MsgPackType.NIL, MsgPackType.FALSE, MsgPackType.TRUE, MsgPackType.INFINITY -> EQUAL;
            case MsgPackType.NEGATIVE_INTEGER -> Long.compare(leftInteger, parsedInteger);
            case MsgPackType.INTEGER -> Integer.signum(Long.compareUnsigned(leftInteger, parsedInteger));
            case MsgPackType.DOUBLE -> leftDouble > parsedDouble ? GREATER : leftDouble < parsedDouble ? LESS : EQUAL;
            case MsgPackType.STRING, MsgPackType.BYTES, MsgPackType.GEOJSON, MsgPackType.EXT ->
                    compareBytes(leftData, leftLength, parsedData, parsedLength);
            case MsgPackType.LIST -> compareLists(leftLength, parsedLength, depth);
            case MsgPackType.MAP -> compareMaps(leftLength, parsedLength, depth);
            default -> throw MalformedMsgPackException.INSTANCE;
        };
    }

    private int compareLists(long leftCount, long rightCount, int depth) {
        long common = Math.min(leftCount, rightCount);
        for (long i = 0; i < common; i++) {
            int result = compareValues(depth + 1);
            if (result != EQUAL) {
                return result;
            }
        }
        return Long.compare(leftCount, rightCount);
    }

    private int compareMaps(long leftPairs, long rightPairs, int depth) {
        if (leftPairs != rightPairs) {
            return leftPairs < rightPairs ? LESS : GREATER;
        }
        for (long i = 0; i < leftPairs * 2; i++) {
            int result = compareValues(depth + 1);
            if (result != EQUAL) {
                return result;
            }
        }
        return EQUAL;
    }

    private int compareBytes(long leftAt, long leftLength, long rightAt, long rightLength) {
        long common = Math.min(leftLength, rightLength);
        long mismatch = common == 0 ? -1 : MemorySegment.mismatch(left.segment(), leftAt, leftAt + common,
                right.segment(), rightAt, rightAt + common);
        if (mismatch >= 0 && mismatch < common) {
            int a = Byte.toUnsignedInt(left.segment().get(ValueLayout.JAVA_BYTE, leftAt + mismatch));
            int b = Byte.toUnsignedInt(right.segment().get(ValueLayout.JAVA_BYTE, rightAt + mismatch));
            return a < b ? LESS : GREATER;
        }
        return Long.compare(leftLength, rightLength);
    }

    /**
     * Reads the header of the value at the cursor into the parsed fields: scalars whole, strings and exts up to
     * their payload (skipped), lists and maps up to their first element (with an ordering header skipped).
     */
    private void parse(MsgPackInput input) {
        int type = input.peekType();
        parsedType = type;
        switch (type) {
            case MsgPackType.NIL, MsgPackType.FALSE, MsgPackType.TRUE -> input.skipBytes(1);
            case MsgPackType.INTEGER, MsgPackType.NEGATIVE_INTEGER -> parsedInteger = input.readLong();
            case MsgPackType.DOUBLE -> parsedDouble = input.readDouble();
            case MsgPackType.STRING, MsgPackType.BYTES, MsgPackType.GEOJSON -> {
                parsedLength = input.readStringHeader();
                parsedData = input.position();
                input.skipBytes(parsedLength);
            }
            case MsgPackType.EXT, MsgPackType.WILDCARD, MsgPackType.INFINITY -> {
                input.readExtHeader();
                parsedLength = input.extLength();
                parsedData = input.position();
                input.skipBytes(parsedLength);
            }
            case MsgPackType.LIST -> {
                long count = input.readArrayHeader();
                parsedLength = count - skipOrderHeader(input, count, 1);
            }
            case MsgPackType.MAP -> {
                long pairs = input.readMapHeader();
                parsedLength = pairs - skipOrderHeader(input, pairs, 2);
            }
            default -> throw MalformedMsgPackException.INSTANCE;
        }
    }

    /** Skips a leading ordering header (and for maps its nil value); returns 1 if there was one. */
    private static int skipOrderHeader(MsgPackInput input, long count, int valuesPerElement) {
        if (input.readOrderHeader(count) < 0) {
            return 0;
        }
        input.skipValues(valuesPerElement - 1);
        return 1;
    }
}
