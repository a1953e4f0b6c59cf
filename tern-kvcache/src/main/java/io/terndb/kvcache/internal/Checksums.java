package io.terndb.kvcache.internal;

import java.nio.ByteBuffer;

import java.util.zip.CRC32C;

/** CRC32C of segment payloads: what the {@code crc} bins hold. */
public final class Checksums {

    private Checksums() {
    }

    public static long crc32c(byte[] bytes) {
        return crc32c(bytes, 0, bytes.length);
    }

    public static long crc32c(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    /** Of the remaining bytes; the buffer's position is left where it was. */
    public static long crc32c(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return crc.getValue();
    }

    /** True when no checksum was stored (LMCache's records) or the stored one matches. */
    public static boolean matches(byte[] bytes, long storedCrc) {
        return matches(bytes, 0, bytes.length, storedCrc);
    }

    public static boolean matches(byte[] bytes, int offset, int length, long storedCrc) {
        return storedCrc == MetaRecord.NO_CRC || crc32c(bytes, offset, length) == storedCrc;
    }
}
