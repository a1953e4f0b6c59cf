package io.terndb.protocol.msgpack;

import static io.terndb.protocol.msgpack.MsgPackFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A cursor over MessagePack bytes in any memory: a heap array ({@code MemorySegment.ofArray}), a byte buffer
 * ({@code MemorySegment.ofBuffer}) or native memory (a segment spanning the address space, positions being
 * addresses). It reads one item at a time at {@link #position()} and never builds a Java object per element; a
 * caller that needs to come back to an element keeps its position (a {@code long}).
 *
 * <p>Every read is checked against {@link #limit()}: reading past it, a reserved byte, or a container count larger
 * than the bytes left (each element takes at least one byte, so a count that lies is caught before anything is
 * sized by it) throws {@link MalformedMsgPackException#INSTANCE}. One instance per thread, rewrapped per value.
 */
public final class MsgPackInput {

    private static final ValueLayout.OfShort SHORT_BE =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG_BE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment segment = MemorySegment.NULL;
    private long position;
    private long limit;
    /** Set by {@link #readExtHeader()}: the ext's payload length. */
    private int extLength;

    /** Reads {@code length} bytes of {@code segment} from {@code offset}. */
    public MsgPackInput wrap(MemorySegment segment, long offset, long length) {
        this.segment = segment;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    /** Another cursor over the same bytes, at the same position. */
    public MsgPackInput wrap(MsgPackInput other) {
        this.segment = other.segment;
        this.position = other.position;
        this.limit = other.limit;
        return this;
    }

    public MemorySegment segment() {
        return segment;
    }

    public long position() {
        return position;
    }

    public void position(long position) {
        this.position = position;
    }

    public long limit() {
        return limit;
    }

    public void limit(long limit) {
        this.limit = limit;
    }

    public boolean hasRemaining() {
        return position < limit;
    }

    public long remaining() {
        return limit - position;
    }

    /** The byte at the position, unsigned, without moving. */
    public int peekByte() {
        require(1);
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, position));
    }

    /** The unsigned byte at {@code at}, checked against the limit. */
    public int byteAt(long at) {
        if (at < 0 || at >= limit) {
            throw MalformedMsgPackException.INSTANCE;
        }
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, at));
    }

    private int readByte() {
        int value = peekByte();
        position++;
        return value;
    }

    private int readShort() {
        require(2);
        int value = Short.toUnsignedInt(segment.get(SHORT_BE, position));
        position += 2;
        return value;
    }

    private long readUnsignedInt() {
        require(4);
        long value = Integer.toUnsignedLong(segment.get(INT_BE, position));
        position += 4;
        return value;
    }

    private long readRawLong() {
        require(8);
        long value = segment.get(LONG_BE, position);
        position += 8;
        return value;
    }

    private void require(long bytes) {
        if (bytes > limit - position) {
            throw MalformedMsgPackException.INSTANCE;
        }
    }

    private void advance(long bytes) {
        require(bytes);
        position += bytes;
    }

    /** The kind of the value at the position, in the original's order ({@link MsgPackType}); does not move. */
    public int peekType() {
        int b = peekByte();
        if (b <= 0x7F) {
            return MsgPackType.INTEGER;
        }
        if (b >= NEGATIVE_FIXINT_MIN) {
            return MsgPackType.NEGATIVE_INTEGER;
        }
        if ((b & 0xE0) == FIXSTR) {
            return bytesType(b & 0x1F, position + 1);
        }
        if ((b & 0xF0) == FIXMAP) {
            return MsgPackType.MAP;
        }
        if ((b & 0xF0) == FIXARRAY) {
            return MsgPackType.LIST;
        }
        return switch (b) {
            case NIL -> MsgPackType.NIL;
            case FALSE -> MsgPackType.FALSE;
            case TRUE -> MsgPackType.TRUE;
            case UINT8, UINT16, UINT32, UINT64 -> MsgPackType.INTEGER;
            case INT8, INT16, INT32, INT64 -> (byteAt(position + 1) & 0x80) == 0
                    ? MsgPackType.INTEGER : MsgPackType.NEGATIVE_INTEGER;
            case FLOAT32, FLOAT64 -> MsgPackType.DOUBLE;
            case BIN8, STR8 -> bytesType(byteAt(position + 1), position + 2);
            case BIN16, STR16 -> bytesType(byteAt(position + 1) << 8 | byteAt(position + 2), position + 3);
            case BIN32, STR32 -> bytesType(byteAt(position + 1) | byteAt(position + 2) | byteAt(position + 3)
                    | byteAt(position + 4), position + 5); // zero or not is all that matters here
            case ARRAY16, ARRAY32 -> MsgPackType.LIST;
            case MAP16, MAP32 -> MsgPackType.MAP;
            case FIXEXT1 -> byteAt(position + 1) == EXT_TYPE_COMPARE ? sentinel(byteAt(position + 2)) : MsgPackType.EXT;
            case EXT8 -> byteAt(position + 1) == 1 && byteAt(position + 2) == EXT_TYPE_COMPARE
                    ? sentinel(byteAt(position + 3)) : MsgPackType.EXT;
            case FIXEXT2, FIXEXT4, FIXEXT8, FIXEXT16, EXT16, EXT32 -> MsgPackType.EXT;
            default -> throw MalformedMsgPackException.INSTANCE;
        };
    }

    private int bytesType(int length, long payloadAt) {
        if (length == 0) {
            return MsgPackType.BYTES;
        }
        if (segmentByte(payloadAt) == MsgPackType.PARTICLE_STRING) {
            return MsgPackType.STRING;
        }
        return segmentByte(payloadAt) == MsgPackType.PARTICLE_GEOJSON ? MsgPackType.GEOJSON : MsgPackType.BYTES;
    }

    private int segmentByte(long at) {
        if (at >= limit) {
            // A str32 whose length is 0 has no type byte; the length itself is checked by whoever reads it.
            return -1;
        }
        return Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, at));
    }

    private static int sentinel(int data) {
        return data == COMPARE_WILDCARD ? MsgPackType.WILDCARD
                : data == COMPARE_INFINITY ? MsgPackType.INFINITY : MsgPackType.EXT;
    }

    /** Whether the value at the position is an ext (the ordering header of a list or map is one). */
    public boolean peekIsExt() {
        if (!hasRemaining()) {
            return false;
        }
        int b = peekByte();
        return b == EXT8 || b == EXT16 || b == EXT32 || (b >= FIXEXT1 && b <= FIXEXT16);
    }

    public boolean peekIsNil() {
        return hasRemaining() && peekByte() == NIL;
    }

    /** Whether the position holds an array header. */
    public boolean peekIsArray() {
        int b = peekByte();
        return (b & 0xF0) == FIXARRAY || b == ARRAY16 || b == ARRAY32;
    }

    public boolean peekIsMap() {
        int b = peekByte();
        return (b & 0xF0) == FIXMAP || b == MAP16 || b == MAP32;
    }

    public boolean peekIsInteger() {
        if (!hasRemaining()) {
            return false;
        }
        int b = peekByte();
        return b <= 0x7F || b >= NEGATIVE_FIXINT_MIN || (b >= UINT8 && b <= INT64);
    }

    /** Reads an array header; returns its count (checked against the bytes left). */
    public int readArrayHeader() {
        int b = readByte();
        long count;
        if ((b & 0xF0) == FIXARRAY) {
            count = b & 0x0F;
        } else if (b == ARRAY16) {
            count = readShort();
        } else if (b == ARRAY32) {
            count = readUnsignedInt();
        } else {
            throw MalformedMsgPackException.INSTANCE;
        }
        return checkedCount(count, 1);
    }

    /** Reads a map header; returns its count of pairs (checked against the bytes left). */
    public int readMapHeader() {
        int b = readByte();
        long count;
        if ((b & 0xF0) == FIXMAP) {
            count = b & 0x0F;
        } else if (b == MAP16) {
            count = readShort();
        } else if (b == MAP32) {
            count = readUnsignedInt();
        } else {
            throw MalformedMsgPackException.INSTANCE;
        }
        return checkedCount(count, 2);
    }

    private int checkedCount(long count, int bytesPerElementMin) {
        if (count * bytesPerElementMin > limit - position) {
            throw MalformedMsgPackException.INSTANCE;
        }
        return (int) count;
    }

    /**
     * Reads any integer encoding as a {@code long}: unsigned 64-bit values above {@code Long.MAX_VALUE} wrap, as
     * the original's reader does (it reads every integer into a 64-bit word).
     */
    public long readLong() {
        int b = readByte();
        if (b <= 0x7F) {
            return b;
        }
        if (b >= NEGATIVE_FIXINT_MIN) {
            return (byte) b;
        }
        return switch (b) {
            case UINT8 -> readByte();
            case UINT16 -> readShort();
            case UINT32 -> readUnsignedInt();
            case UINT64, INT64 -> readRawLong();
            case INT8 -> (byte) readByte();
            case INT16 -> (short) readShort();
            case INT32 -> (int) readUnsignedInt();
            default -> throw MalformedMsgPackException.INSTANCE;
        };
    }

    /** Whether the integer at the position is encoded unsigned (uint 8-64 or a positive fixint). */
    public boolean peekIsUnsignedEncoding() {
        int b = peekByte();
        return b <= 0x7F || (b >= UINT8 && b <= UINT64);
    }

    /** Reads a float32 (widened) or float64. */
    public double readDouble() {
        int b = readByte();
        if (b == FLOAT64) {
            return Double.longBitsToDouble(readRawLong());
        }
        if (b == FLOAT32) {
            return Float.intBitsToFloat((int) readUnsignedInt());
        }
        throw MalformedMsgPackException.INSTANCE;
    }

    public boolean readBoolean() {
        int b = readByte();
        if (b == TRUE || b == FALSE) {
            return b == TRUE;
        }
        throw MalformedMsgPackException.INSTANCE;
    }

    /** Reads a str or bin header; returns the payload length, with the position at the payload's first byte. */
    public int readStringHeader() {
        int b = readByte();
        long length;
        if ((b & 0xE0) == FIXSTR) {
            length = b & 0x1F;
        } else if (b == STR8 || b == BIN8) {
            length = readByte();
        } else if (b == STR16 || b == BIN16) {
            length = readShort();
        } else if (b == STR32 || b == BIN32) {
            length = readUnsignedInt();
        } else {
            throw MalformedMsgPackException.INSTANCE;
        }
        require(length);
        return (int) length;
    }

    /**
     * Reads an ext header; returns the ext type (0-255), with the position at the payload, whose length
     * {@link #extLength()} gives.
     */
    public int readExtHeader() {
        int b = readByte();
        long length = switch (b) {
            case FIXEXT1 -> 1;
            case FIXEXT2 -> 2;
            case FIXEXT4 -> 4;
            case FIXEXT8 -> 8;
            case FIXEXT16 -> 16;
            case EXT8 -> readByte();
            case EXT16 -> readShort();
            case EXT32 -> readUnsignedInt();
            default -> throw MalformedMsgPackException.INSTANCE;
        };
        int type = readByte();
        require(length);
        extLength = (int) length;
        return type;
    }

    public int extLength() {
        return extLength;
    }

    /**
     * Reads the ordering header that may lead a list or map of {@code count} elements: an ext whose type (not the
     * comparison sentinel's) holds the collection's flags. Returns that type with the ext consumed (its payload, an
     * offset index another server kept, is skipped; a map header's value, a nil, is left to the caller), or -1 with
     * nothing consumed.
     */
    public int readOrderHeader(long count) {
        if (count == 0 || !peekIsExt()) {
            return -1;
        }
        long at = position();
        int type = readExtHeader();
        if (type == EXT_TYPE_COMPARE) {
            position(at); // a sentinel element (wildcard or infinity), not a header
            return -1;
        }
        skipBytes(extLength());
        return type;
    }

    /** Moves the position by {@code bytes}, checked. */
    public void skipBytes(long bytes) {
        advance(bytes);
    }

    /**
     * Skips one whole value (containers with everything inside) and returns the new position. Iterative: a count
     * of items still to skip replaces recursion, so nesting costs no stack.
     */
    public long skip() {
        return skipValues(1);
    }

    /** Skips {@code values} consecutive whole values; returns the new position. */
    public long skipValues(long values) {
        long pending = values;
        while (pending > 0) {
            pending--;
            int b = readByte();
            if (b <= 0x7F || b >= NEGATIVE_FIXINT_MIN) {
                continue;
            }
            if ((b & 0xE0) == FIXSTR) {
                advance(b & 0x1F);
                continue;
            }
            if ((b & 0xF0) == FIXMAP) {
                pending += checkedCount(b & 0x0F, 2) * 2L;
                continue;
            }
            if ((b & 0xF0) == FIXARRAY) {
                pending += checkedCount(b & 0x0F, 1);
                continue;
            }
            switch (b) {
                case NIL, FALSE, TRUE -> { }
                case UINT8, INT8 -> advance(1);
                case UINT16, INT16 -> advance(2);
                case UINT32, INT32, FLOAT32 -> advance(4);
                case UINT64, INT64, FLOAT64 -> advance(8);
                case STR8, BIN8 -> advance(readByte());
                case STR16, BIN16 -> advance(readShort());
                case STR32, BIN32 -> advance(readUnsignedInt());
                case ARRAY16 -> pending += checkedCount(readShort(), 1);
                case ARRAY32 -> pending += checkedCount(readUnsignedInt(), 1);
                case MAP16 -> pending += checkedCount(readShort(), 2) * 2L;
                case MAP32 -> pending += checkedCount(readUnsignedInt(), 2) * 2L;
                case FIXEXT1 -> advance(2);
                case FIXEXT2 -> advance(3);
                case FIXEXT4 -> advance(5);
                case FIXEXT8 -> advance(9);
                case FIXEXT16 -> advance(17);
                case EXT8 -> advance(readByte() + 1L);
                case EXT16 -> advance(readShort() + 1L);
                case EXT32 -> advance(readUnsignedInt() + 1);
                default -> throw MalformedMsgPackException.INSTANCE;
            }
        }
        return position;
    }

    /** Bytes of the value at {@code at} (the position is left unchanged). */
    public int sizeAt(long at) {
        long saved = position;
        position = at;
        try {
            return (int) (skip() - at);
        } finally {
            position = saved;
        }
    }

    /**
     * Whether the values in {@code [from, to)} hold a comparison sentinel (wildcard or infinity) anywhere,
     * which may not be stored.
     */
    public boolean containsSentinel(long from, long to) {
        long saved = position;
        long savedLimit = limit;
        position = from;
        limit = to;
        try {
            while (position < to) {
                int type = peekType();
                if (!MsgPackType.isStorable(type)) {
                    return true;
                }
                int b = peekByte();
                if ((b >= FIXEXT1 && b <= FIXEXT16) || b == EXT8 || b == EXT16 || b == EXT32) {
                    int extType = readExtHeader();
                    if (extType == EXT_TYPE_COMPARE && extLength > 0 && extLength < 4) {
                        return true;
                    }
                    advance(extLength);
                } else if (peekIsArray()) {
                    readArrayHeader();
                } else if (peekIsMap()) {
                    readMapHeader();
                } else {
                    skip();
                }
            }
            return false;
        } finally {
            position = saved;
            limit = savedLimit;
        }
    }
}
