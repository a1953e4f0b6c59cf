package io.terndb.storage.device;

import static io.terndb.storage.NativeMemory.ALL;
import static io.terndb.storage.NativeMemory.BYTE;

import io.terndb.storage.NativeMemory;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Reads and writes records in the device format of {@link DeviceLayout}, at native addresses. */
final class DeviceRecords {

    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort SHORT =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private DeviceRecords() {
    }

    /**
     * Writes a record header at {@code record} with the entry's metadata copied from the index entry at
     * {@code entry}, and the set name; the image (if any) follows at {@link #imageAt}. Padding bytes are zeroed. The
     * block sequence is set when the record gets its place ({@link #blockSequence(long, long)}).
     */
    static void writeHeader(long record, int length, int paddedBytes, int flags, long entry, byte[] setName) {
        ALL.set(INT, record, DeviceLayout.RECORD_MAGIC);
        ALL.set(INT, record + DeviceLayout.RECORD_LENGTH_OFFSET, length);
        ALL.set(BYTE, record + DeviceLayout.RECORD_FLAGS_OFFSET, (byte) flags);
        int setLength = setName == null ? 0 : setName.length;
        ALL.set(BYTE, record + DeviceLayout.RECORD_SET_LENGTH_OFFSET, (byte) setLength);
        ALL.set(SHORT, record + DeviceLayout.RECORD_GENERATION_OFFSET,
                (short) io.terndb.storage.index.PartitionIndex.generation(entry));
        NativeMemory.copy(entry, record + DeviceLayout.RECORD_DIGEST_OFFSET, 20);
        ALL.set(INT, record + DeviceLayout.RECORD_VOID_TIME_OFFSET,
                (int) io.terndb.storage.index.PartitionIndex.voidTime(entry));
        ALL.set(LONG, record + DeviceLayout.RECORD_LAST_UPDATE_OFFSET,
                io.terndb.storage.index.PartitionIndex.lastUpdateMs(entry));
        if (setLength > 0) {
            NativeMemory.copyFromArray(setName, 0, record + DeviceLayout.RECORD_HEADER_BYTES, setLength);
        }
        if (paddedBytes > length) {
            NativeMemory.fill(record + length, paddedBytes - length, (byte) 0);
        }
    }

    /** Computes and stores the record's checksum; call after every byte of it but the block sequence is written. */
    static void seal(long record) {
        ALL.set(INT, record + DeviceLayout.RECORD_CRC_OFFSET, checksum(record, length(record)));
    }

    static int checksum(long record, int length) {
        CRC32C crc = new CRC32C();
        crc.update(ALL.asSlice(record + DeviceLayout.RECORD_CRC_FROM, length - DeviceLayout.RECORD_CRC_FROM)
                .asByteBuffer());
        return (int) crc.getValue();
    }

    /**
     * Whether a whole valid record of this block incarnation starts at {@code record}, with at most {@code room}
     * bytes available: magic, a sane length, the block's sequence, and the checksum all check out.
     */
    static boolean valid(long record, int room, long blockSequence) {
        if (room < DeviceLayout.RECORD_HEADER_BYTES || ALL.get(INT, record) != DeviceLayout.RECORD_MAGIC) {
            return false;
        }
        int length = length(record);
        if (length < DeviceLayout.RECORD_HEADER_BYTES || length > room
                || DeviceLayout.RECORD_HEADER_BYTES + setLength(record) > length) {
            return false;
        }
        if (blockSequence != 0 && blockSequence(record) != blockSequence) {
            return false;
        }
        return ALL.get(INT, record + DeviceLayout.RECORD_CRC_OFFSET) == checksum(record, length);
    }

    static int length(long record) {
        return ALL.get(INT, record + DeviceLayout.RECORD_LENGTH_OFFSET);
    }

    static boolean tombstone(long record) {
        return (ALL.get(BYTE, record + DeviceLayout.RECORD_FLAGS_OFFSET) & DeviceLayout.RECORD_FLAG_TOMBSTONE) != 0;
    }

    static int setLength(long record) {
        return Byte.toUnsignedInt(ALL.get(BYTE, record + DeviceLayout.RECORD_SET_LENGTH_OFFSET));
    }

    static int generation(long record) {
        return Short.toUnsignedInt(ALL.get(SHORT, record + DeviceLayout.RECORD_GENERATION_OFFSET));
    }

    static long voidTime(long record) {
        return Integer.toUnsignedLong(ALL.get(INT, record + DeviceLayout.RECORD_VOID_TIME_OFFSET));
    }

    static long lastUpdateMs(long record) {
        return ALL.get(LONG, record + DeviceLayout.RECORD_LAST_UPDATE_OFFSET);
    }

    static long blockSequence(long record) {
        return ALL.get(LONG, record + DeviceLayout.RECORD_BLOCK_SEQUENCE_OFFSET);
    }

    static void blockSequence(long record, long blockSequence) {
        ALL.set(LONG, record + DeviceLayout.RECORD_BLOCK_SEQUENCE_OFFSET, blockSequence);
    }

    static long digest(long record) {
        return record + DeviceLayout.RECORD_DIGEST_OFFSET;
    }

    static long setName(long record) {
        return record + DeviceLayout.RECORD_HEADER_BYTES;
    }

    /** Where the record image ({@code RecordLayout}) starts. */
    static long imageAt(long record) {
        return record + DeviceLayout.RECORD_HEADER_BYTES + setLength(record);
    }

    /** Whether a block header at {@code block} is valid; returns its sequence, or 0 when not. */
    static long blockSequenceOfHeader(long block) {
        if (ALL.get(INT, block) != DeviceLayout.BLOCK_MAGIC || ALL.get(INT, block + 4) != DeviceLayout.FORMAT) {
            return 0;
        }
        CRC32C crc = new CRC32C();
        crc.update(ALL.asSlice(block, DeviceLayout.BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
        if ((int) crc.getValue() != ALL.get(INT, block + DeviceLayout.BLOCK_HEADER_CRC_OFFSET)) {
            return 0;
        }
        return ALL.get(LONG, block + DeviceLayout.BLOCK_SEQUENCE_OFFSET);
    }
}
