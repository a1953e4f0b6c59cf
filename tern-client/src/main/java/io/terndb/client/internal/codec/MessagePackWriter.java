package io.terndb.client.internal.codec;

import io.terndb.client.Value;
import io.terndb.protocol.ParticleType;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes list and map values as the server stores them (reference §5.5): MessagePack, with every string and byte
 * array carrying a particle-type byte inside the str payload ({@code 0x03} + UTF-8, {@code 0x04} + bytes), and a
 * sorted map sent key-ordered (one extra leading entry: ext8 length 0 type 0x01, then nil).
 */
public final class MessagePackWriter {

    static final int MAP_KEY_ORDERED = 0x01;
    private static final int DEPTH_MAX = 256;

    private MessagePackWriter() {
    }

    public static void writeObject(CommandBuffer out, Object value) {
        write(out, value, 0);
    }

    private static void write(CommandBuffer out, Object value, int depth) {
        if (depth > DEPTH_MAX) {
            throw new IllegalArgumentException("value nesting depth > " + DEPTH_MAX);
        }
        switch (value) {
            case null -> out.writeByte(0xC0);
            case Value wrapped -> write(out, wrapped.toObject(), depth);
            case Boolean flag -> out.writeByte(flag ? 0xC3 : 0xC2);
            case Long number -> writeLong(out, number);
            case Integer number -> writeLong(out, number);
            case Short number -> writeLong(out, number);
            case Byte number -> writeLong(out, number);
            case Double number -> writeDouble(out, number);
            case Float number -> writeDouble(out, number);
            case String text -> writeString(out, text);
            case byte[] bytes -> writeBytes(out, bytes);
            case List<?> list -> writeList(out, list, depth);
            case Map<?, ?> map -> writeMap(out, map, depth);
            default -> throw new IllegalArgumentException("value type=" + value.getClass().getName()
                    + " cannot be stored in a list or map");
        }
    }

    private static void writeList(CommandBuffer out, List<?> list, int depth) {
        writeArrayHeader(out, list.size());
        for (Object item : list) {
            write(out, item, depth + 1);
        }
    }

    private static void writeMap(CommandBuffer out, Map<?, ?> map, int depth) {
        boolean ordered = map instanceof SortedMap<?, ?>;
        writeMapHeader(out, map.size() + (ordered ? 1 : 0));
        if (ordered) {
            out.writeByte(0xC7);
            out.writeByte(0);
            out.writeByte(MAP_KEY_ORDERED);
            out.writeByte(0xC0);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            write(out, entry.getKey(), depth + 1);
            write(out, entry.getValue(), depth + 1);
        }
    }

    public static void writeArrayHeader(CommandBuffer out, int count) {
        if (count < 16) {
            out.writeByte(0x90 | count);
        } else if (count < 0x10000) {
            out.writeByte(0xDC);
            out.writeShort(count);
        } else {
            out.writeByte(0xDD);
            out.writeInt(count);
        }
    }

    static void writeMapHeader(CommandBuffer out, int count) {
        if (count < 16) {
            out.writeByte(0x80 | count);
        } else if (count < 0x10000) {
            out.writeByte(0xDE);
            out.writeShort(count);
        } else {
            out.writeByte(0xDF);
            out.writeInt(count);
        }
    }

    /** The smallest MessagePack integer form, as the original client emits. */
    public static void writeLong(CommandBuffer out, long value) {
        if (value >= 0) {
            if (value < 128) {
                out.writeByte((int) value);
            } else if (value < 0x100) {
                out.writeByte(0xCC);
                out.writeByte((int) value);
            } else if (value < 0x10000) {
                out.writeByte(0xCD);
                out.writeShort((int) value);
            } else if (value < 0x1_0000_0000L) {
                out.writeByte(0xCE);
                out.writeInt((int) value);
            } else {
                out.writeByte(0xCF);
                out.writeLong(value);
            }
        } else if (value >= -32) {
            out.writeByte((int) value & 0xFF);
        } else if (value >= Byte.MIN_VALUE) {
            out.writeByte(0xD0);
            out.writeByte((int) value);
        } else if (value >= Short.MIN_VALUE) {
            out.writeByte(0xD1);
            out.writeShort((int) value);
        } else if (value >= Integer.MIN_VALUE) {
            out.writeByte(0xD2);
            out.writeInt((int) value);
        } else {
            out.writeByte(0xD3);
            out.writeLong(value);
        }
    }

    private static void writeDouble(CommandBuffer out, double value) {
        out.writeByte(0xCB);
        out.writeLong(Double.doubleToLongBits(value));
    }

    private static void writeString(CommandBuffer out, String text) {
        writeStrHeader(out, Utf8.length(text) + 1);
        out.writeByte(ParticleType.STRING);
        out.writeUtf8(text);
    }

    private static void writeBytes(CommandBuffer out, byte[] bytes) {
        writeStrHeader(out, bytes.length + 1);
        out.writeByte(ParticleType.BLOB);
        out.writeBytes(bytes);
    }

    private static void writeStrHeader(CommandBuffer out, int length) {
        if (length < 32) {
            out.writeByte(0xA0 | length);
        } else if (length < 0x100) {
            out.writeByte(0xD9);
            out.writeByte(length);
        } else if (length < 0x10000) {
            out.writeByte(0xDA);
            out.writeShort(length);
        } else {
            out.writeByte(0xDB);
            out.writeInt(length);
        }
    }
}
