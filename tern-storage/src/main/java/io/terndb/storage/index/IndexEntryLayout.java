package io.terndb.storage.index;

/**
 * One primary-index entry, stored inline in a partition's open-addressing table (native byte order).
 *
 * <pre>
 *  0                    20         22        24          28       32                 40                 48
 *  +--------------------+----------+---------+-----------+--------+------------------+------------------+
 *  | digest (20 bytes)  |generation| set id  | void time | flags  | last update (ms) | record location  |
 *  +--------------------+----------+---------+-----------+--------+------------------+------------------+
 * </pre>
 *
 * Generation is the original's 16-bit counter (1 on create, wraps to 1 after 65535). Void time is seconds since
 * the 2010 epoch, 0 = never. Record location is an engine-defined address (the memory engine's native address of
 * the record's bytes, or the device location). An entry with {@link #FLAG_IN_USE} clear is free.
 */
public final class IndexEntryLayout {

    public static final int DIGEST_OFFSET = 0;
    public static final int DIGEST_BYTES = 20;
    public static final int GENERATION_OFFSET = 20;
    public static final int SET_ID_OFFSET = 22;
    public static final int VOID_TIME_OFFSET = 24;
    public static final int FLAGS_OFFSET = 28;
    public static final int LAST_UPDATE_MS_OFFSET = 32;
    public static final int LOCATION_OFFSET = 40;
    public static final int BYTES = 48;

    public static final int FLAG_IN_USE = 1;
    /** A deleted record whose deletion is kept on the device so that a restart does not bring it back. */
    public static final int FLAG_TOMBSTONE = 2;

    static {
        if (LOCATION_OFFSET + Long.BYTES != BYTES) {
            throw new AssertionError("index entry layout does not add up to " + BYTES + " bytes");
        }
    }

    private IndexEntryLayout() {
    }
}
