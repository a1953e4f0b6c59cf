package io.terndb.client.internal.codec;

import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.ParticleType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the AS_MSG records of a reply frame (reference §7-§8): a 22-byte header, fields, then one op per returned
 * bin. A cursor: {@link #reset} onto a frame body, then {@link #next} per record. One instance per connection or
 * event loop; the header values are fields, so reading a reply allocates only the bins it returns.
 */
public final class ReplyParser {

    private byte[] data;
    private int position;
    private int limit;

    public int info1;
    public int info3;
    public int resultCode;
    public int generation;
    public int voidTime;
    /** In batch replies: the row's index. */
    public int transactionTtl;
    public int fieldCount;
    public int operationCount;
    /** Of the op last read. */
    private int particleType;
    private int valueLength;
    private final BinViews views = new BinViews();

    /** Points the cursor at a frame body of {@code length} bytes at {@code offset}. */
    public ReplyParser reset(byte[] body, int offset, int length) {
        data = body;
        position = offset;
        limit = offset + length;
        return this;
    }

    public boolean hasMore() {
        return position < limit;
    }

    /** Reads the next record's header; fields and ops must then be read or skipped. */
    public void next() {
        require(MessageLayout.HEADER_BYTES);
        int at = position;
        if ((data[at] & 0xFF) != MessageLayout.HEADER_BYTES) {
            throw new ParseException("message header size " + (data[at] & 0xFF) + " at " + at);
        }
        info1 = data[at + MessageLayout.INFO1_OFFSET] & 0xFF;
        info3 = data[at + MessageLayout.INFO3_OFFSET] & 0xFF;
        resultCode = data[at + MessageLayout.RESULT_CODE_OFFSET] & 0xFF;
        generation = Bytes.getInt(data, at + MessageLayout.GENERATION_OFFSET);
        voidTime = Bytes.getInt(data, at + MessageLayout.RECORD_TTL_OFFSET);
        transactionTtl = Bytes.getInt(data, at + MessageLayout.TRANSACTION_TTL_OFFSET);
        fieldCount = Bytes.getUnsignedShort(data, at + MessageLayout.FIELD_COUNT_OFFSET);
        operationCount = Bytes.getUnsignedShort(data, at + MessageLayout.OPERATION_COUNT_OFFSET);
        position += MessageLayout.HEADER_BYTES;
    }

    public void skipFields() {
        for (int i = 0; i < fieldCount; i++) {
            require(4);
            int size = Bytes.getInt(data, position);
            skip(4L + Integer.toUnsignedLong(size));
        }
    }

    /** Reads the fields, handing each to {@code visitor} as (type, data, offset, length). */
    public void readFields(FieldVisitor visitor) {
        for (int i = 0; i < fieldCount; i++) {
            require(MessageLayout.FIELD_HEADER_BYTES);
            int size = Bytes.getInt(data, position);
            if (size < 1) {
                throw new ParseException("field size " + size + " at " + position);
            }
            int type = data[position + 4] & 0xFF;
            require(4 + size);
            visitor.field(type, data, position + MessageLayout.FIELD_HEADER_BYTES, size - 1);
            position += 4 + size;
        }
    }

    public void skipOperations() {
        for (int i = 0; i < operationCount; i++) {
            require(4);
            skip(4L + Integer.toUnsignedLong(Bytes.getInt(data, position)));
        }
    }

    /**
     * Reads the ops as bins, in reply order. Several results under one bin name (operate) become one
     * {@link OperationResults} list. Returns null when there are none.
     */
    public Map<String, Object> readBins() {
        if (operationCount == 0) {
            return null;
        }
        Map<String, Object> bins = new LinkedHashMap<>(operationCount * 2);
        for (int i = 0; i < operationCount; i++) {
            int nameLength = nextOperation();
            int nameAt = position + MessageLayout.OPERATION_HEADER_BYTES;
            String name = new String(data, nameAt, nameLength, StandardCharsets.UTF_8);
            Object value = value(particleType, data, nameAt + nameLength, valueLength);
            position += 4 + Bytes.getInt(data, position);
            addResult(bins, name, value);
        }
        return bins;
    }

    /**
     * Reads the ops as positions in the reply buffer, without copying or decoding any value. The views are this
     * parser's own and hold until its next {@code readViews}, or until the buffer is reused.
     */
    public BinViews readViews() {
        views.begin(data, generation, voidTime);
        for (int i = 0; i < operationCount; i++) {
            int nameLength = nextOperation();
            int nameAt = position + MessageLayout.OPERATION_HEADER_BYTES;
            views.add(nameAt, nameLength, particleType, nameAt + nameLength, valueLength);
            position += 4 + Bytes.getInt(data, position);
        }
        return views;
    }

    /** Checks the op at the position and sets its particle type and value length; returns its name's length. */
    private int nextOperation() {
        require(MessageLayout.OPERATION_HEADER_BYTES);
        int size = Bytes.getInt(data, position);
        particleType = data[position + 5] & 0xFF;
        int nameLength = data[position + 7] & 0xFF;
        valueLength = size - MessageLayout.OPERATION_SIZE_FIXED_BYTES - nameLength;
        if (valueLength < 0) {
            throw new ParseException("op size " + size + " shorter than its name at " + position);
        }
        require(4L + size);
        return nameLength;
    }

    private static void addResult(Map<String, Object> bins, String name, Object value) {
        if (!bins.containsKey(name)) {
            bins.put(name, value);
            return;
        }
        Object previous = bins.get(name);
        if (previous instanceof OperationResults results) {
            results.add(value);
        } else {
            OperationResults results = new OperationResults();
            results.add(previous);
            results.add(value);
            bins.put(name, results);
        }
    }

    /** A value in its particle encoding, as a Java object. */
    public static Object value(int particleType, byte[] data, int offset, int length) {
        return switch (particleType) {
            case ParticleType.NULL -> null;
            case ParticleType.INTEGER -> integer(data, offset, length);
            case ParticleType.DOUBLE -> {
                if (length != 8) {
                    throw new ParseException("double of " + length + " bytes");
                }
                yield Double.longBitsToDouble(Bytes.getLong(data, offset));
            }
            case ParticleType.STRING -> new String(data, offset, length, StandardCharsets.UTF_8);
            case ParticleType.BOOL -> length > 0 && data[offset] != 0;
            case ParticleType.LIST, ParticleType.MAP -> MessagePackReader.read(data, offset, length);
            case ParticleType.GEOJSON -> geoJson(data, offset, length);
            default -> Arrays.copyOfRange(data, offset, offset + length);
        };
    }

    private static long integer(byte[] data, int offset, int length) {
        if (length == 8) {
            return Bytes.getLong(data, offset);
        }
        if (length < 1 || length > 8) {
            throw new ParseException("integer of " + length + " bytes");
        }
        long value = data[offset]; // sign-extends the first byte
        for (int i = 1; i < length; i++) {
            value = value << 8 | data[offset + i] & 0xFF;
        }
        return value;
    }

    /** GeoJSON: flags (1), cell count (2), cells (8 each), then the JSON text. */
    private static String geoJson(byte[] data, int offset, int length) {
        if (length < 3) {
            throw new ParseException("geojson of " + length + " bytes");
        }
        int skip = 3 + Bytes.getUnsignedShort(data, offset + 1) * 8;
        if (skip > length) {
            throw new ParseException("geojson cells overrun its " + length + " bytes");
        }
        return new String(data, offset + skip, length - skip, StandardCharsets.UTF_8);
    }

    private void require(long bytes) {
        if (limit - position < bytes) {
            throw new ParseException("reply needs " + bytes + " bytes at " + position + ", has " + (limit - position));
        }
    }

    private void skip(long bytes) {
        if (limit - position < bytes) {
            throw new ParseException("reply skips " + bytes + " bytes at " + position + ", has " + (limit - position));
        }
        position += (int) bytes;
    }

    /** Receives one field of a record. */
    @FunctionalInterface
    public interface FieldVisitor {
        void field(int type, byte[] data, int offset, int length);
    }

    /** Several results returned under one bin name by one operate command, in op order. */
    public static final class OperationResults extends ArrayList<Object> {
        OperationResults() {
            super(4);
        }
    }
}
