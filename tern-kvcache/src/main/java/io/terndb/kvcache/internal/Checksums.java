package io.terndb.kvcache.internal;

import java.util.zip.CRC32C;

/** CRC32C of segment payloads: what the {@code crc} bins hold. */
public final class Checksums {

    private Checksums() {
    }

    public static long crc32c(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }

    /** True when no checksum was stored (LMCache's records) or the stored one matches. */
    public static boolean matches(byte[] bytes, long storedCrc) {
        return storedCrc == MetaRecord.NO_CRC || crc32c(bytes) == storedCrc;
    }
}
