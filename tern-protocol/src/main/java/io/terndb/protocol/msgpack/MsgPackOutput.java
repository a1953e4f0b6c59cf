package io.terndb.protocol.msgpack;

import static io.terndb.protocol.msgpack.MsgPackFormat.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * Writes MessagePack into a growable byte array that is reused from one value to the next ({@link #clear()}), so a
 * warm writer allocates nothing. Integers, lengths and counts are written in their shortest form, as the original
 * server writes them.
 */
public final class MsgPackOutput {

    private byte[] buffer;
    private int length;
    private MemorySegment segment;

    public MsgPackOutput() {
        this(256);
    }

    public MsgPackOutput(int initialBytes) {
        buffer = new byte[initialBytes];
        segment = MemorySegment.ofArray(buffer);
    }

    public void clear() {
        length = 0;
    }

    public int length() {
        return length;
    }

    /** Drops everything after {@code length} bytes. */
    public void truncate(int length) {
        this.length = length;
    }

    /** The bytes written so far are {@code buffer()[0, length())}; the array changes when it grows. */
    public byte[] buffer() {
        return buffer;
    }

    /** The buffer as a segment (the same object until the buffer grows). */
    public MemorySegment segment() {
        return segment;
    }

    private void ensure(int more) {
        if (more > buffer.length - length) {
            long wanted = Math.max((long) buffer.length * 2, (long) length + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new IllegalStateException("msgpack output over 2 GiB: length=" + length + " more=" + more);
            }
            buffer = Arrays.copyOf(buffer, (int) wanted);
            segment = MemorySegment.ofArray(buffer);
        }
    }

    public void writeByte(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
    }

    private void writeShortRaw(int value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void writeIntRaw(long value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    private void writeLongRaw(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    public void writeNil() {
        writeByte(NIL);
    }

    public void writeBoolean(boolean value) {
        writeByte(value ? TRUE : FALSE);
    }

    /** A signed integer in its shortest form (non-negative values as unsigned, as the original packs them). */
    public void writeLong(long value) {
        if (value >= 0) {
            writeUnsignedLong(value);
        } else if (value >= -32) {
            writeByte((int) value & 0xFF);
        } else if (value >= Byte.MIN_VALUE) {
            writeByte(INT8);
            writeByte((int) value);
        } else if (value >= Short.MIN_VALUE) {
            writeByte(INT16);
            writeShortRaw((int) value);
        } else if (value >= Integer.MIN_VALUE) {
            writeByte(INT32);
            writeIntRaw(value);
        } else {
            writeByte(INT64);
            writeLongRaw(value);
        }
    }

    /** An unsigned 64-bit integer in its shortest form. */
    public void writeUnsignedLong(long value) {
        if (value >= 0 && value < 128) {
            writeByte((int) value);
        } else if (value >= 0 && value <= 0xFF) {
            writeByte(UINT8);
            writeByte((int) value);
        } else if (value >= 0 && value <= 0xFFFF) {
            writeByte(UINT16);
            writeShortRaw((int) value);
        } else if (value >= 0 && value <= 0xFFFF_FFFFL) {
            writeByte(UINT32);
            writeIntRaw(value);
        } else {
            writeByte(UINT64);
            writeLongRaw(value);
        }
    }

    public void writeDouble(double value) {
        writeByte(FLOAT64);
        writeLongRaw(Double.doubleToRawLongBits(value));
    }

    public void writeArrayHeader(int count) {
        if (count < 16) {
            writeByte(FIXARRAY | count);
        } else if (count <= 0xFFFF) {
            writeByte(ARRAY16);
            writeShortRaw(count);
        } else {
            writeByte(ARRAY32);
            writeIntRaw(count);
        }
    }

    public void writeMapHeader(int count) {
        if (count < 16) {
            writeByte(FIXMAP | count);
        } else if (count <= 0xFFFF) {
            writeByte(MAP16);
            writeShortRaw(count);
        } else {
            writeByte(MAP32);
            writeIntRaw(count);
        }
    }

    /** A str header for {@code payloadBytes} bytes (the payload, type byte included, follows). */
    public void writeStringHeader(int payloadBytes) {
        if (payloadBytes < 32) {
            writeByte(FIXSTR | payloadBytes);
        } else if (payloadBytes <= 0xFF) {
            writeByte(STR8);
            writeByte(payloadBytes);
        } else if (payloadBytes <= 0xFFFF) {
            writeByte(STR16);
            writeShortRaw(payloadBytes);
        } else {
            writeByte(STR32);
            writeIntRaw(payloadBytes);
        }
    }

    /** An ext header in its shortest form: fixext for lengths 1, 2, 4, 8, 16, else ext8/16/32. */
    public void writeExtHeader(int type, int payloadBytes) {
        switch (payloadBytes) {
            case 1 -> writeByte(FIXEXT1);
            case 2 -> writeByte(FIXEXT2);
            case 4 -> writeByte(FIXEXT4);
            case 8 -> writeByte(FIXEXT8);
            case 16 -> writeByte(FIXEXT16);
            default -> {
                if (payloadBytes <= 0xFF) {
                    writeByte(EXT8);
                    writeByte(payloadBytes);
                } else if (payloadBytes <= 0xFFFF) {
                    writeByte(EXT16);
                    writeShortRaw(payloadBytes);
                } else {
                    writeByte(EXT32);
                    writeIntRaw(payloadBytes);
                }
            }
        }
        writeByte(type);
    }

    /** The ordering header of a list or map: {@code c7 00 flags} (a map's is followed by a nil, see callers). */
    public void writeOrderHeader(int flags) {
        writeByte(EXT8);
        writeByte(0);
        writeByte(flags);
    }

    public void writeBytes(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, buffer, length, count);
        length += count;
    }

    /** Copies {@code count} raw bytes from {@code source} at {@code offset}. */
    public void writeBytes(MemorySegment source, long offset, int count) {
        ensure(count);
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, offset, buffer, length, count);
        length += count;
    }

    /** Reserves {@code count} bytes to be filled later; returns their offset. */
    public int reserve(int count) {
        ensure(count);
        int at = length;
        length += count;
        return at;
    }

    /** A copy of the bytes written (tests and cold paths only). */
    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }
}
