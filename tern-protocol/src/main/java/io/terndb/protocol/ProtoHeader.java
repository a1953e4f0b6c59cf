package io.terndb.protocol;

/**
 * The 8-byte header that frames every message in both directions.
 *
 * <pre>
 *  0        1        2                                              8
 *  +--------+--------+----------------------------------------------+
 *  |version |  type  |          body size (u48, big-endian)         |
 *  +--------+--------+----------------------------------------------+
 * </pre>
 *
 * The size counts the bytes that follow the header. Read as one big-endian u64 the header is
 * {@code version << 56 | type << 48 | size}.
 */
public final class ProtoHeader {

    public static final int BYTES = 8;
    public static final int VERSION = 2;

    public static final int TYPE_INFO = 1;
    public static final int TYPE_SECURITY = 2;
    public static final int TYPE_AS_MSG = 3;
    public static final int TYPE_AS_MSG_COMPRESSED = 4;
    public static final int TYPE_INTERNAL_XDR = 5;

    /** The largest body the original accepts ({@code PROTO_SIZE_MAX}); anything larger is refused unread. */
    public static final long BODY_BYTES_MAX = 128L * 1024 * 1024;

    private static final long SIZE_MASK = (1L << 48) - 1;

    private ProtoHeader() {
    }

    public static long encode(int type, long bodyBytes) {
        return ((long) VERSION << 56) | ((long) type << 48) | (bodyBytes & SIZE_MASK);
    }

    public static int version(long header) {
        return (int) (header >>> 56);
    }

    public static int type(long header) {
        return (int) (header >>> 48) & 0xFF;
    }

    public static long bodyBytes(long header) {
        return header & SIZE_MASK;
    }
}
