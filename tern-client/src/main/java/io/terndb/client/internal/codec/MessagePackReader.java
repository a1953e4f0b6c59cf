package io.terndb.client.internal.codec;

import io.terndb.protocol.ParticleType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads list and map values (reference §5.5) into Java objects: integers as {@code Long}, floats as {@code Double},
 * str/bin payloads by their particle-type prefix ({@code 0x03} string, {@code 0x17} GeoJSON text, anything else
 * bytes), arrays as {@code ArrayList}, maps as {@code HashMap} ({@code TreeMap} when key-ordered,
 * {@code LinkedHashMap} when the server marks the order as meaningful). Ordering ext headers are dropped; other
 * ext values read as null. Malformed input throws {@link ParseException}.
 */
public final class MessagePackReader {

    private static final int DEPTH_MAX = 256;
    private static final int MAP_PRESERVE_ORDER = 0x08;

    private final byte[] data;
    private final int limit;
    private int position;

    public MessagePackReader(byte[] data, int offset, int length) {
        this.data = data;
        this.position = offset;
        this.limit = offset + length;
    }

    /** Reads one whole value; the input must hold exactly that value. */
    public static Object read(byte[] data, int offset, int length) {
        MessagePackReader reader = new MessagePackReader(data, offset, length);
        Object value = reader.next(0);
        if (reader.position != reader.limit) {
            throw new ParseException("msgpack value of " + length + " bytes has " + (reader.limit - reader.position)
                    + " bytes left over");
        }
        return value;
    }

    private Object next(int depth) {
        if (depth > DEPTH_MAX) {
            throw new ParseException("msgpack nesting deeper than " + DEPTH_MAX);
        }
        int type = readUnsignedByte();
        if (type <= 0x7F) {
            return (long) type;
        }
        if (type >= 0xE0) {
            return (long) (byte) type;
        }
        if ((type & 0xE0) == 0xA0) {
            return particle(type & 0x1F);
        }
        if ((type & 0xF0) == 0x90) {
            return list(type & 0x0F, depth);
        }
        if ((type & 0xF0) == 0x80) {
            return map(type & 0x0F, depth);
        }
        return other(type, depth);
    }

    private Object other(int type, int depth) {
        return switch (type) {
            case 0xC0 -> null;
            case 0xC2 -> Boolean.FALSE;
            case 0xC3 -> Boolean.TRUE;
            case 0xCC -> (long) readUnsignedByte();
            case 0xCD -> (long) readUnsignedShort();
            case 0xCE -> Integer.toUnsignedLong(readInt());
            case 0xCF, 0xD3 -> readLong();
            case 0xD0 -> (long) (byte) readUnsignedByte();
            case 0xD1 -> (long) (short) readUnsignedShort();
            case 0xD2 -> (long) readInt();
            case 0xCA -> (double) Float.intBitsToFloat(readInt());
            case 0xCB -> Double.longBitsToDouble(readLong());
            case 0xC4, 0xD9 -> particle(readUnsignedByte());
            case 0xC5, 0xDA -> particle(readUnsignedShort());
            case 0xC6, 0xDB -> particle(checkedLength(readInt()));
            case 0xDC -> list(readUnsignedShort(), depth);
            case 0xDD -> list(checkedLength(readInt()), depth);
            case 0xDE -> map(readUnsignedShort(), depth);
            case 0xDF -> map(checkedLength(readInt()), depth);
            case 0xD4, 0xD5, 0xD6, 0xD7, 0xD8 -> skipExt(1 << (type - 0xD4));
            case 0xC7 -> skipExt(readUnsignedByte());
            case 0xC8 -> skipExt(readUnsignedShort());
            case 0xC9 -> skipExt(checkedLength(readInt()));
            default -> throw new ParseException("msgpack type byte 0x" + Integer.toHexString(type) + " at "
                    + (position - 1));
        };
    }

    private Object skipExt(int length) {
        require(1 + length);
        position += 1 + length;
        return null;
    }

    /** A str/bin payload whose first byte is a particle type. */
    private Object particle(int length) {
        require(length);
        if (length == 0) {
            return "";
        }
        int particleType = data[position] & 0xFF;
        int start = position + 1;
        position += length;
        return switch (particleType) {
            case ParticleType.STRING, ParticleType.GEOJSON -> new String(data, start, length - 1,
                    StandardCharsets.UTF_8);
            default -> Arrays.copyOfRange(data, start, start + length - 1);
        };
    }

    private List<Object> list(int count, int depth) {
        List<Object> list = new ArrayList<>(Math.min(count, limit - position));
        for (int i = 0; i < count; i++) {
            if (i == 0 && isOrderingHeader()) {
                skipOrderingHeader();
                continue;
            }
            list.add(next(depth + 1));
        }
        return list;
    }

    private Map<Object, Object> map(int count, int depth) {
        Map<Object, Object> map = null;
        for (int i = 0; i < count; i++) {
            if (i == 0 && isOrderingHeader()) {
                int flags = skipOrderingHeader();
                next(depth + 1); // the header's nil value
                map = (flags & MAP_PRESERVE_ORDER) != 0 ? new LinkedHashMap<>()
                        : (flags & MessagePackWriter.MAP_KEY_ORDERED) != 0 ? new TreeMap<>() : new HashMap<>();
                continue;
            }
            if (map == null) {
                map = new HashMap<>();
            }
            Object key = next(depth + 1);
            map.put(key, next(depth + 1));
        }
        return map == null ? new HashMap<>() : map;
    }

    /** An ext8 of length 0 ({@code c7 00 flags}) as the first element marks list or map ordering. */
    private boolean isOrderingHeader() {
        return position + 2 < limit && (data[position] & 0xFF) == 0xC7 && data[position + 1] == 0;
    }

    private int skipOrderingHeader() {
        int flags = data[position + 2] & 0xFF;
        position += 3;
        return flags;
    }

    private int checkedLength(int length) {
        if (length < 0) {
            throw new ParseException("msgpack length " + Integer.toUnsignedString(length) + " too large");
        }
        return length;
    }

    private void require(int bytes) {
        if (bytes < 0 || limit - position < bytes) {
            throw new ParseException("msgpack value needs " + bytes + " bytes at " + position + ", "
                    + (limit - position) + " left");
        }
    }

    private int readUnsignedByte() {
        require(1);
        return data[position++] & 0xFF;
    }

    private int readUnsignedShort() {
        require(2);
        int value = Bytes.getUnsignedShort(data, position);
        position += 2;
        return value;
    }

    private int readInt() {
        require(4);
        int value = Bytes.getInt(data, position);
        position += 4;
        return value;
    }

    private long readLong() {
        require(8);
        long value = Bytes.getLong(data, position);
        position += 8;
        return value;
    }
}
