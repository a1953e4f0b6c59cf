package io.terndb.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Assembles AS_MSG requests (proto type 3) byte by byte, for tests that must send what the official client never
 * would: lying counts, sizes past the end, over-long bin names. Fields and ops are written in call order; the
 * counts in the header are the real ones unless overridden.
 *
 * <pre>{@code
 * byte[] put = AsMsgBuilder.request()
 *         .info2(AsMsgLayout.INFO2_WRITE)
 *         .namespace("test").set("demo").digest(digest)
 *         .writeInteger("a", 1)
 *         .build();
 * }</pre>
 */
public final class AsMsgBuilder {

    private static final int OP_HEADER_BYTES = 8;

    private final ByteArrayOutputStream fields = new ByteArrayOutputStream();
    private final ByteArrayOutputStream ops = new ByteArrayOutputStream();
    private int info1;
    private int info2;
    private int info3;
    private int info4;
    private long generation;
    private long recordTtl;
    private long transactionTtl = 1000;
    private int fieldCount;
    private int opCount;
    private int fieldCountOverride = -1;
    private int opCountOverride = -1;

    private AsMsgBuilder() {
    }

    public static AsMsgBuilder request() {
        return new AsMsgBuilder();
    }

    public AsMsgBuilder info1(int flags) {
        info1 = flags;
        return this;
    }

    public AsMsgBuilder info2(int flags) {
        info2 = flags;
        return this;
    }

    public AsMsgBuilder info3(int flags) {
        info3 = flags;
        return this;
    }

    public AsMsgBuilder info4(int flags) {
        info4 = flags;
        return this;
    }

    public AsMsgBuilder generation(long value) {
        generation = value;
        return this;
    }

    public AsMsgBuilder recordTtl(long value) {
        recordTtl = value;
        return this;
    }

    /** Server-side timeout in milliseconds (the client's default is 1000). */
    public AsMsgBuilder transactionTtl(long value) {
        transactionTtl = value;
        return this;
    }

    /** Puts {@code count} into the header's n_fields, whatever fields were really added. */
    public AsMsgBuilder fieldCountOverride(int count) {
        fieldCountOverride = count;
        return this;
    }

    /** Puts {@code count} into the header's n_ops, whatever ops were really added. */
    public AsMsgBuilder opCountOverride(int count) {
        opCountOverride = count;
        return this;
    }

    public AsMsgBuilder namespace(String name) {
        return field(AsMsgLayout.FIELD_NAMESPACE, utf8(name));
    }

    public AsMsgBuilder set(String name) {
        return field(AsMsgLayout.FIELD_SET, utf8(name));
    }

    public AsMsgBuilder digest(byte[] digest) {
        if (digest.length != AsMsgLayout.DIGEST_BYTES) {
            throw new IllegalArgumentException("digestBytes=" + digest.length);
        }
        return field(AsMsgLayout.FIELD_DIGEST, digest);
    }

    /** A field with its true size. */
    public AsMsgBuilder field(int type, byte[] data) {
        return fieldWithDeclaredSize(1L + data.length, type, data);
    }

    /** A field whose size word says {@code declaredSize} (which counts the type byte), whatever data follows. */
    public AsMsgBuilder fieldWithDeclaredSize(long declaredSize, int type, byte[] data) {
        writeU32(fields, declaredSize);
        fields.write(type);
        fields.writeBytes(data);
        fieldCount++;
        return this;
    }

    public AsMsgBuilder writeInteger(String binName, long value) {
        return op(AsMsgLayout.OP_WRITE, AsMsgLayout.PARTICLE_INTEGER, binName,
                ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }

    public AsMsgBuilder writeString(String binName, String value) {
        return op(AsMsgLayout.OP_WRITE, AsMsgLayout.PARTICLE_STRING, binName, utf8(value));
    }

    /** A READ op for one bin (no value), as {@code client.get(key, binName)} sends. */
    public AsMsgBuilder readBin(String binName) {
        return op(AsMsgLayout.OP_READ, AsMsgLayout.PARTICLE_NULL, binName, new byte[0]);
    }

    /** An op with its true size. */
    public AsMsgBuilder op(int opType, int particleType, String binName, byte[] value) {
        byte[] name = utf8(binName);
        return opWithDeclaredSize(OP_HEADER_BYTES - 4L + name.length + value.length, opType, particleType, name,
                value);
    }

    /** An op whose size word says {@code declaredSize} (bytes after the word), whatever follows. */
    public AsMsgBuilder opWithDeclaredSize(long declaredSize, int opType, int particleType, byte[] name,
            byte[] value) {
        if (name.length > 255) {
            throw new IllegalArgumentException("nameBytes=" + name.length + " does not fit the length byte");
        }
        writeU32(ops, declaredSize);
        ops.write(opType);
        ops.write(particleType);
        ops.write(0);
        ops.write(name.length);
        ops.writeBytes(name);
        ops.writeBytes(value);
        opCount++;
        return this;
    }

    /** The body: AS_MSG header, fields, ops. */
    public byte[] buildBody() {
        byte[] fieldBytes = fields.toByteArray();
        byte[] opBytes = ops.toByteArray();
        ByteBuffer body = ByteBuffer.allocate(AsMsgLayout.HEADER_BYTES + fieldBytes.length + opBytes.length);
        body.put((byte) AsMsgLayout.HEADER_BYTES)
                .put((byte) info1).put((byte) info2).put((byte) info3).put((byte) info4)
                .put((byte) 0)
                .putInt((int) generation)
                .putInt((int) recordTtl)
                .putInt((int) transactionTtl)
                .putShort((short) (fieldCountOverride >= 0 ? fieldCountOverride : fieldCount))
                .putShort((short) (opCountOverride >= 0 ? opCountOverride : opCount))
                .put(fieldBytes)
                .put(opBytes);
        return body.array();
    }

    /** Proto header (version 2, type 3, true size) and body. */
    public byte[] build() {
        return new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_AS_MSG, buildBody()).encode();
    }

    private static void writeU32(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) value).array());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
