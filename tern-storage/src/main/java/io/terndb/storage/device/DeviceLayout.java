package io.terndb.storage.device;

/**
 * On-device formats of the device engine (all integers little-endian). A device file is a header followed by
 * write blocks; a write block is a block header followed by records, each padded to a 16-byte read block.
 *
 * <pre>
 *  file:    | file header (4096) | block 0 | block 1 | ... |          block i starts at 4096 + i * writeBlockBytes
 *
 *  file header:  0 u64 magic "TERNDEV1" | 8 u32 format | 12 u32 write block bytes | 16 u64 file bytes
 *                | 24 u16 file index | 26 u16 file count | 28 u8 namespace length | 29 namespace (31)
 *                | 60 u32 crc32c of [0, 60)
 *
 *  block header: 0 u32 magic "TBLK" | 4 u32 format | 8 u64 block sequence | 16 u32 crc32c of [0, 16) | 20 zero (12)
 *                A free block has a zeroed header: a cold start skips it.
 *
 *  record:  0 u32 magic "TREC" | 4 u32 length (header + set name + image, unpadded) | 8 u64 block sequence
 *           | 16 u32 crc32c of [20, length) | 20 u8 flags (1 = tombstone) | 21 u8 set name length
 *           | 22 u16 generation | 24 digest (20) | 44 u32 void time | 48 u64 last-update ms | 56 set name
 *           | record image
 * </pre>
 *
 * The record carries its block's sequence so that a cold start ignores stale records left behind in a reused
 * block beyond what the new incarnation wrote. The checksum leaves the sequence out, so a record can be built and
 * checksummed before it has a place in a block (outside the writer's lock), and moved by defragmentation without
 * being checksummed again; a damaged sequence fails the comparison with the block header instead.
 *
 * <p>A record's location in the index packs its file, its offset in 16-byte read blocks, and its length in read
 * blocks: {@code file(8) | read block(36) | read blocks(20)}.
 */
public final class DeviceLayout {

    public static final long FILE_MAGIC = 0x31564544_4E524554L; // "TERNDEV1" read little-endian
    /** 2: the record checksum no longer covers the block sequence. */
    public static final int FORMAT = 2;
    public static final int FILE_HEADER_BYTES = 4096;
    public static final int FILE_HEADER_CRC_OFFSET = 60;

    public static final int BLOCK_MAGIC = 0x4B4C4254; // "TBLK"
    public static final int BLOCK_HEADER_BYTES = 32;
    public static final int BLOCK_SEQUENCE_OFFSET = 8;
    public static final int BLOCK_HEADER_CRC_OFFSET = 16;

    public static final int RECORD_MAGIC = 0x43455254; // "TREC"
    public static final int RECORD_LENGTH_OFFSET = 4;
    public static final int RECORD_BLOCK_SEQUENCE_OFFSET = 8;
    public static final int RECORD_CRC_OFFSET = 16;
    public static final int RECORD_CRC_FROM = 20;
    public static final int RECORD_FLAGS_OFFSET = 20;
    public static final int RECORD_SET_LENGTH_OFFSET = 21;
    public static final int RECORD_GENERATION_OFFSET = 22;
    public static final int RECORD_DIGEST_OFFSET = 24;
    public static final int RECORD_VOID_TIME_OFFSET = 44;
    public static final int RECORD_LAST_UPDATE_OFFSET = 48;
    public static final int RECORD_HEADER_BYTES = 56;
    public static final int RECORD_FLAG_TOMBSTONE = 1;

    public static final int READ_BLOCK_BYTES = 16;
    public static final int READ_BLOCK_SHIFT = 4;

    private static final int FILE_BITS = 8;
    private static final int READ_BLOCK_BITS = 36;
    private static final int LENGTH_BITS = 20;
    public static final int FILES_MAX = 1 << FILE_BITS;
    public static final long FILE_BYTES_MAX = (1L << READ_BLOCK_BITS) * READ_BLOCK_BYTES;

    static {
        if (FILE_BITS + READ_BLOCK_BITS + LENGTH_BITS != Long.SIZE) {
            throw new AssertionError("location fields must fill 64 bits");
        }
    }

    private DeviceLayout() {
    }

    /** Bytes a record of {@code length} takes in its block: rounded up to a whole read block. */
    public static int paddedBytes(int length) {
        return (length + READ_BLOCK_BYTES - 1) & -READ_BLOCK_BYTES;
    }

    public static long location(int file, long offset, int paddedBytes) {
        return ((long) file << (READ_BLOCK_BITS + LENGTH_BITS)) | ((offset >>> READ_BLOCK_SHIFT) << LENGTH_BITS)
                | (paddedBytes >>> READ_BLOCK_SHIFT);
    }

    public static int file(long location) {
        return (int) (location >>> (READ_BLOCK_BITS + LENGTH_BITS));
    }

    public static long offset(long location) {
        return ((location >>> LENGTH_BITS) & ((1L << READ_BLOCK_BITS) - 1)) << READ_BLOCK_SHIFT;
    }

    public static int paddedBytesOf(long location) {
        return (int) (location & ((1L << LENGTH_BITS) - 1)) << READ_BLOCK_SHIFT;
    }

    public static long blockOffset(int block, int writeBlockBytes) {
        return FILE_HEADER_BYTES + (long) block * writeBlockBytes;
    }

    public static int blockOf(long offset, int writeBlockBytes) {
        return (int) ((offset - FILE_HEADER_BYTES) / writeBlockBytes);
    }
}
