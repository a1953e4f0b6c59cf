package io.terndb.client.internal.codec;

import io.terndb.client.Key;
import io.terndb.client.Value;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ProtoHeader;

/**
 * The building blocks of an AS_MSG request (reference §3-§5): proto header, 22-byte message header, fields, and
 * operations with their particle-encoded values, written straight into a {@link CommandBuffer}. Sizes that
 * depend on what follows are patched afterwards, so nothing is measured twice.
 */
public final class RequestWriter {

    /** Where the AS_MSG header starts: after the 8-byte proto header. */
    public static final int MESSAGE_AT = ProtoHeader.BYTES;

    private RequestWriter() {
    }

    /** Resets the buffer and writes the proto header placeholder and the message header. */
    public static void begin(CommandBuffer out, int info1, int info2, int info3, int generation, int recordTtl,
            int transactionTtl, int fieldCount, int operationCount) {
        out.reset();
        out.writeLong(0);
        out.writeByte(MessageLayout.HEADER_BYTES);
        out.writeByte(info1);
        out.writeByte(info2);
        out.writeByte(info3);
        out.writeByte(0);
        out.writeByte(0);
        out.writeInt(generation);
        out.writeInt(recordTtl);
        out.writeInt(transactionTtl);
        out.writeShort(fieldCount);
        out.writeShort(operationCount);
    }

    /** Fills in the proto header now that the body size is known. */
    public static void end(CommandBuffer out) {
        out.putLong(0, ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, out.position() - ProtoHeader.BYTES));
    }

    /** Patches the operation count (for requests whose ops were counted while writing). */
    public static void operationCount(CommandBuffer out, int count) {
        out.putShort(MESSAGE_AT + MessageLayout.OPERATION_COUNT_OFFSET, count);
    }

    public static int keyFieldCount(Key key, boolean sendKey) {
        return 2 + (key.set() != null ? 1 : 0) + (sendKey && key.userKey() != null ? 1 : 0);
    }

    /** NAMESPACE, SET (omitted when null), DIGEST, and KEY when {@code sendKey}: the order the original sends. */
    public static void keyFields(CommandBuffer out, Key key, boolean sendKey) {
        stringField(out, FieldType.NAMESPACE, key.namespace());
        if (key.set() != null) {
            stringField(out, FieldType.SET, key.set());
        }
        out.writeInt(FieldType.DIGEST_BYTES + 1);
        out.writeByte(FieldType.DIGEST);
        out.writeBytes(key.digest());
        if (sendKey && key.userKey() != null) {
            int sizeAt = out.position();
            out.writeInt(0);
            out.writeByte(FieldType.KEY);
            out.writeByte(key.userKey().particleType());
            writeValue(out, key.userKey());
            out.putInt(sizeAt, out.position() - sizeAt - 4);
        }
    }

    public static void stringField(CommandBuffer out, int type, String text) {
        int sizeAt = out.position();
        out.writeInt(0);
        out.writeByte(type);
        int length = out.writeUtf8(text);
        out.putInt(sizeAt, length + 1);
    }

    public static void intField(CommandBuffer out, int type, int value) {
        out.writeInt(5);
        out.writeByte(type);
        out.writeInt(value);
    }

    public static void longField(CommandBuffer out, int type, long value) {
        out.writeInt(9);
        out.writeByte(type);
        out.writeLong(value);
    }

    /** An operation: size, op type, particle type, flags 0, name length, name, value. */
    public static void operation(CommandBuffer out, int operationType, String binName, Value value) {
        int sizeAt = out.position();
        out.writeInt(0);
        out.writeByte(operationType);
        out.writeByte(value.particleType());
        out.writeByte(0);
        int nameLengthAt = out.position();
        out.writeByte(0);
        int nameLength = out.writeUtf8(binName);
        out.data()[nameLengthAt] = (byte) nameLength;
        writeValue(out, value);
        out.putInt(sizeAt, out.position() - sizeAt - 4);
    }

    /** A value in its particle encoding (reference §5.3). */
    public static void writeValue(CommandBuffer out, Value value) {
        switch (value) {
            case Value.IntegerValue integer -> out.writeLong(integer.value());
            case Value.DoubleValue number -> out.writeLong(Double.doubleToLongBits(number.value()));
            case Value.StringValue string -> out.writeBytes(string.utf8());
            case Value.BytesValue bytes -> out.writeBytes(bytes.value());
            case Value.ByteBufferValue slice -> out.writeBytes(slice.value());
            case Value.BooleanValue flag -> out.writeByte(flag.value() ? 1 : 0);
            case Value.ListValue list -> MessagePackWriter.writeObject(out, list.value());
            case Value.MapValue map -> MessagePackWriter.writeObject(out, map.value());
            case Value.NullValue ignored -> {
            }
        }
    }

}
