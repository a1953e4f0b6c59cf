package io.terndb.storage.record;

import static io.terndb.storage.NativeMemory.ALL;
import static io.terndb.storage.NativeMemory.BYTE;
import static io.terndb.storage.NativeMemory.INT;
import static io.terndb.storage.NativeMemory.SHORT;

/**
 * A stored record's bytes (native byte order), written whole on every update (copy-on-write) and never changed in
 * place.
 *
 * <pre>
 *  record:  u32 total bytes | u16 bin count | u16 key bytes | key (particle type + value, as the KEY field) | bins
 *  bin:     u8 name bytes | name | u8 particle type | u32 value bytes | value (wire encoding, big-endian)
 * </pre>
 *
 * Methods taking {@code bin} take the address of a bin's first byte; {@link #firstBin} and {@link #nextBin} walk
 * them.
 */
public final class RecordLayout {

    public static final int TOTAL_BYTES_OFFSET = 0;
    public static final int BIN_COUNT_OFFSET = 4;
    public static final int KEY_BYTES_OFFSET = 6;
    public static final int KEY_OFFSET = 8;
    public static final int HEADER_BYTES = KEY_OFFSET;
    /** Name length byte + particle type byte + u32 value length. */
    public static final int BIN_OVERHEAD_BYTES = 6;
    public static final int BIN_COUNT_MAX = 32_767;

    private RecordLayout() {
    }

    public static int totalBytes(long record) {
        return ALL.get(INT, record + TOTAL_BYTES_OFFSET);
    }

    public static int binCount(long record) {
        return Short.toUnsignedInt(ALL.get(SHORT, record + BIN_COUNT_OFFSET));
    }

    public static int keyBytes(long record) {
        return Short.toUnsignedInt(ALL.get(SHORT, record + KEY_BYTES_OFFSET));
    }

    public static long key(long record) {
        return record + KEY_OFFSET;
    }

    public static long firstBin(long record) {
        return record + KEY_OFFSET + keyBytes(record);
    }

    public static int nameBytes(long bin) {
        return Byte.toUnsignedInt(ALL.get(BYTE, bin));
    }

    public static long name(long bin) {
        return bin + 1;
    }

    public static int particleType(long bin) {
        return Byte.toUnsignedInt(ALL.get(BYTE, bin + 1 + nameBytes(bin)));
    }

    public static int valueBytes(long bin) {
        return ALL.get(INT, bin + 2 + nameBytes(bin));
    }

    public static long value(long bin) {
        return bin + BIN_OVERHEAD_BYTES + nameBytes(bin);
    }

    public static long nextBin(long bin) {
        return value(bin) + valueBytes(bin);
    }

    /**
     * Whether {@code bytes} bytes at {@code record} are one whole image: its total matches, and its key and every
     * bin lie inside it. Checked before an image from another node is read, so a bad one cannot read past its end.
     */
    public static boolean wellFormed(long record, int bytes) {
        if (bytes < HEADER_BYTES || totalBytes(record) != bytes) {
            return false;
        }
        long end = record + bytes;
        long bin = record + KEY_OFFSET + keyBytes(record);
        for (int i = binCount(record); i > 0; i--) {
            if (bin + BIN_OVERHEAD_BYTES > end || bin + BIN_OVERHEAD_BYTES + nameBytes(bin) > end) {
                return false;
            }
            int valueBytes = valueBytes(bin);
            if (valueBytes < 0 || value(bin) + valueBytes > end) {
                return false;
            }
            bin = nextBin(bin);
        }
        return bin == end;
    }

    /** Whether the bin's name equals {@code length} bytes of {@code name}. */
    public static boolean nameEquals(long bin, byte[] name, int length) {
        if (nameBytes(bin) != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (ALL.get(BYTE, bin + 1 + i) != name[i]) {
                return false;
            }
        }
        return true;
    }
}
