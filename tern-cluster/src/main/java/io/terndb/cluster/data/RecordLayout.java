package io.terndb.cluster.data;

/**
 * One record as replica writes and migrations carry it: its version, as the master stamped it, and its stored
 * image, copied as is. Little-endian throughout (the image is tern-storage's record image, which is little-endian on
 * every platform TernDB runs on; the server refuses to start on a big-endian machine).
 *
 * <pre>
 *  0        1          2            4           8                    16                36            40
 *  +--------+----------+------------+-----------+--------------------+-------------------+-------------+
 *  | flags  | set name | generation | void time | last update (ms)   | digest (20 bytes) | image bytes |
 *  +--------+----------+------------+-----------+--------------------+-------------------+-------------+
 *  | set name (set-name bytes) | image (image bytes; none for a tombstone)                            |
 *  +-------------------------------------------------------------------------------------------------+
 * </pre>
 */
public final class RecordLayout {

    public static final int FLAGS_OFFSET = 0;
    public static final int SET_NAME_BYTES_OFFSET = 1;
    public static final int GENERATION_OFFSET = 2;
    public static final int VOID_TIME_OFFSET = 4;
    public static final int LAST_UPDATE_MS_OFFSET = 8;
    public static final int DIGEST_OFFSET = 16;
    public static final int DIGEST_BYTES = 20;
    public static final int IMAGE_BYTES_OFFSET = 36;
    public static final int HEADER_BYTES = 40;

    /** The record is a delete: no image, and it shadows older versions. */
    public static final int FLAG_TOMBSTONE = 1;

    static {
        if (DIGEST_OFFSET + DIGEST_BYTES != IMAGE_BYTES_OFFSET || IMAGE_BYTES_OFFSET + Integer.BYTES != HEADER_BYTES) {
            throw new AssertionError("record layout does not add up");
        }
    }

    private RecordLayout() {
    }

    /** Bytes of the record starting at {@code at} in {@code buffer}. */
    public static int recordBytes(io.netty.buffer.ByteBuf buffer, int at) {
        return HEADER_BYTES + buffer.getUnsignedByte(at + SET_NAME_BYTES_OFFSET)
                + buffer.getIntLE(at + IMAGE_BYTES_OFFSET);
    }
}
