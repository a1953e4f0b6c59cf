package io.terndb.protocol;

/** Every namespace has 4096 partitions; a record's partition comes from the first two bytes of its digest. */
public final class PartitionId {

    public static final int COUNT = 4096;
    private static final int MASK = COUNT - 1;

    private PartitionId() {
    }

    /** The first two digest bytes read as a little-endian u16, modulo 4096. */
    public static int of(int digestByte0, int digestByte1) {
        return ((digestByte0 & 0xFF) | ((digestByte1 & 0xFF) << 8)) & MASK;
    }

    public static int of(byte[] digest) {
        return of(digest[0], digest[1]);
    }
}
