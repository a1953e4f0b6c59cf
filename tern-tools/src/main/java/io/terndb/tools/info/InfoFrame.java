package io.terndb.tools.info;

/**
 * Layout of one info frame: the Aerospike protocol header with message type 1, then a text body.
 *
 * <pre>
 *   0        1        2                                               8
 *  +--------+--------+-----------------------------------------------+
 *  |version | type   | body length, unsigned 48-bit big-endian        |  then body bytes
 *  |  = 2   |  = 1   |                                               |
 *  +--------+--------+-----------------------------------------------+
 * </pre>
 *
 * <p>A request body is each command followed by {@code '\n'}; a response body is {@code command\tvalue\n} per
 * command, in request order.
 */
public final class InfoFrame {
    public static final int VERSION = 2;
    public static final int TYPE_INFO = 1;
    public static final int VERSION_OFFSET = 0;
    public static final int TYPE_OFFSET = 1;
    public static final int BODY_LENGTH_OFFSET = 2;
    public static final int BODY_LENGTH_WIDTH_BYTES = 6;
    public static final int HEADER_BYTES = BODY_LENGTH_OFFSET + BODY_LENGTH_WIDTH_BYTES;

    /** Refuse larger bodies: a corrupt header must not make the client allocate gigabytes. */
    public static final long BODY_BYTES_MAX = 64L * 1024 * 1024;

    static {
        if (HEADER_BYTES != 8) {
            throw new AssertionError("info header must be 8 bytes, is " + HEADER_BYTES);
        }
    }

    private InfoFrame() {}

    /** Returns the 8-byte header announcing a body of {@code bodyBytes} bytes. */
    public static byte[] encodeHeader(long bodyBytes) {
        if (bodyBytes < 0 || bodyBytes > BODY_BYTES_MAX) {
            throw new IllegalArgumentException("bodyBytes=" + bodyBytes + " must be in [0, " + BODY_BYTES_MAX + "]");
        }
        byte[] header = new byte[HEADER_BYTES];
        header[VERSION_OFFSET] = VERSION;
        header[TYPE_OFFSET] = TYPE_INFO;
        for (int index = 0; index < BODY_LENGTH_WIDTH_BYTES; index++) {
            int shiftBits = 8 * (BODY_LENGTH_WIDTH_BYTES - 1 - index);
            header[BODY_LENGTH_OFFSET + index] = (byte) (bodyBytes >>> shiftBits);
        }
        return header;
    }

    /**
     * Checks version and type and returns the announced body length.
     *
     * @throws InfoProtocolException if the header is not an info header or announces too large a body
     */
    public static long decodeBodyLength(byte[] header) throws InfoProtocolException {
        if (header.length != HEADER_BYTES) {
            throw new InfoProtocolException("header has " + header.length + " bytes, expected " + HEADER_BYTES);
        }
        int version = header[VERSION_OFFSET] & 0xFF;
        int type = header[TYPE_OFFSET] & 0xFF;
        if (version != VERSION || type != TYPE_INFO) {
            throw new InfoProtocolException(
                    "bad header: version=" + version + " type=" + type + ", expected version=" + VERSION
                            + " type=" + TYPE_INFO);
        }
        long bodyBytes = 0;
        for (int index = 0; index < BODY_LENGTH_WIDTH_BYTES; index++) {
            bodyBytes = (bodyBytes << 8) | (header[BODY_LENGTH_OFFSET + index] & 0xFF);
        }
        if (bodyBytes > BODY_BYTES_MAX) {
            throw new InfoProtocolException("bad header: body length " + bodyBytes + " exceeds " + BODY_BYTES_MAX);
        }
        return bodyBytes;
    }
}
