package io.terndb.testkit;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One proto frame as it travels on the wire: the 8-byte proto header and the body it announces.
 *
 * <pre>
 *  0        1        2                                      8
 * +--------+--------+--------------------------------------+----------------
 * |version |  type  |        size (u48, big-endian)        |  body (size bytes)
 * +--------+--------+--------------------------------------+----------------
 * </pre>
 *
 * @param version the version byte (2 for every valid message)
 * @param type    the message type ({@link #TYPE_INFO}, {@link #TYPE_SECURITY}, {@link #TYPE_AS_MSG}, ...)
 * @param body    the body, without the header
 */
public record ProtoFrame(int version, int type, byte[] body) {

    public static final int HEADER_BYTES = 8;
    public static final int VERSION = 2;
    public static final int TYPE_INFO = 1;
    public static final int TYPE_SECURITY = 2;
    public static final int TYPE_AS_MSG = 3;
    public static final int TYPE_AS_MSG_COMPRESSED = 4;
    /** The largest body the original server accepts ({@code PROTO_SIZE_MAX}). */
    public static final long BODY_BYTES_MAX = 128L * 1024 * 1024;
    /** The largest value the 48-bit size field can hold. */
    public static final long SIZE_FIELD_MAX = (1L << 48) - 1;

    public ProtoFrame {
        Objects.requireNonNull(body, "body");
    }

    /** Encodes a header whose size field says {@code size}, whatever the body really is. */
    public static byte[] header(int version, int type, long size) {
        if (size < 0 || size > SIZE_FIELD_MAX) {
            throw new IllegalArgumentException("size=" + size);
        }
        long word = ((long) (version & 0xFF) << 56) | ((long) (type & 0xFF) << 48) | size;
        return ByteBuffer.allocate(HEADER_BYTES).putLong(word).array();
    }

    /** Decodes the size field of an 8-byte header. */
    public static long sizeOf(byte[] header) {
        return ByteBuffer.wrap(header, 0, HEADER_BYTES).getLong() & SIZE_FIELD_MAX;
    }

    /** Header and body, ready to send. */
    public byte[] encode() {
        return ByteBuffer.allocate(HEADER_BYTES + body.length)
                .put(header(version, type, body.length))
                .put(body)
                .array();
    }

    @Override
    public String toString() {
        return "ProtoFrame[version=" + version + ", type=" + type + ", bodyBytes=" + body.length + "]";
    }
}
