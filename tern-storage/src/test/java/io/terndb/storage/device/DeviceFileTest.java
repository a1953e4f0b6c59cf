package io.terndb.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.storage.NativeMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write-block ranges reach the file exactly, with direct writes (widened to whole pages), through the page cache,
 * and both mixed; reads through the page cache see what direct writes wrote. Each test runs with every range
 * direct, with ranges of 8 KiB or more direct (mixed), and with a file that has no direct writes at all.
 */
class DeviceFileTest {

    private static final int BLOCK = 1 << 20;

    @TempDir
    Path directory;

    private long buffer;
    private long readBack;

    @BeforeEach
    void allocate() {
        buffer = NativeMemory.allocateAligned(BLOCK, DeviceFile.DIRECT_ALIGNMENT);
        readBack = NativeMemory.allocate(BLOCK);
    }

    @AfterEach
    void free() {
        NativeMemory.free(buffer);
        NativeMemory.free(readBack);
    }

    private static final int NEVER_DIRECT = Integer.MAX_VALUE;

    private DeviceFile open(int directMinBytes) throws IOException {
        return DeviceFile.open(directory.resolve("data.dat"), 0, 1, DeviceLayout.FILE_HEADER_BYTES + 4L * BLOCK, BLOCK,
                "test", directMinBytes != NEVER_DIRECT);
    }

    private static void write(DeviceFile file, long buffer, int from, int to, int block, int directMinBytes) {
        file.writeBlockRange(buffer, from, to, block, to - from >= directMinBytes);
    }

    private void fill(long seed) {
        byte[] bytes = new byte[BLOCK];
        new Random(seed).nextBytes(bytes);
        NativeMemory.copyFromArray(bytes, 0, buffer, BLOCK);
    }

    private byte[] fileBytes(DeviceFile file, int block, int length) {
        assertThat(file.read(readBack, length, DeviceLayout.blockOffset(block, BLOCK))).isEqualTo(length);
        byte[] bytes = new byte[length];
        NativeMemory.copyToArray(readBack, bytes, 0, length);
        return bytes;
    }

    private byte[] bufferBytes(int length) {
        byte[] bytes = new byte[length];
        NativeMemory.copyToArray(buffer, bytes, 0, length);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8192, NEVER_DIRECT})
    void rangesAppendedPieceByPieceReadBackExactly(int directMinBytes) throws IOException {
        fill(1);
        try (DeviceFile file = open(directMinBytes)) {
            if (directMinBytes == NEVER_DIRECT) {
                assertThat(file.direct()).isFalse();
            }
            int[] ends = {100, 5000, 5001, 8192, 70_000, 70_016, 75_000, BLOCK - 16, BLOCK};
            int from = 0;
            for (int to : ends) {
                write(file, buffer, from, to, 2, directMinBytes);
                assertThat(fileBytes(file, 2, to)).as("bytes [0, %d)", to).isEqualTo(bufferBytes(to));
                from = to;
            }
            assertThat(fileBytes(file, 1, BLOCK)).as("the block before").containsOnly(0);
            assertThat(fileBytes(file, 3, BLOCK)).as("the block after").containsOnly(0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8192, NEVER_DIRECT})
    void aRewriteOfCachedPagesIsWhatTheNextReadSees(int directMinBytes) throws IOException {
        try (DeviceFile file = open(directMinBytes)) {
            fill(2);
            write(file, buffer, 0, 3 * 4096, 0, directMinBytes);
            assertThat(fileBytes(file, 0, 3 * 4096)).isEqualTo(bufferBytes(3 * 4096)); // now in the page cache
            fill(3);
            write(file, buffer, 0, 3 * 4096, 0, directMinBytes);
            assertThat(fileBytes(file, 0, 3 * 4096)).isEqualTo(bufferBytes(3 * 4096));
        }
    }

    /** A file system may open a file for direct I/O and then refuse the writes: the range still lands. */
    @Test
    void aRefusedDirectWriteFallsBackToThePageCache() throws IOException {
        fill(5);
        long misaligned = buffer + 16; // direct writes need page-aligned memory: this one is refused
        try (DeviceFile file = open(0)) {
            file.writeBlockRange(misaligned, 0, 8192, 1, true);
            assertThat(file.direct()).as("direct writes given up").isFalse();
            byte[] expected = new byte[8192];
            NativeMemory.copyToArray(misaligned, expected, 0, expected.length);
            assertThat(fileBytes(file, 1, 8192)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 8192, NEVER_DIRECT})
    void erasingABlockHeaderZeroesIt(int directMinBytes) throws IOException {
        long scratch = NativeMemory.allocateAligned(DeviceFile.DIRECT_ALIGNMENT, DeviceFile.DIRECT_ALIGNMENT);
        try (DeviceFile file = open(directMinBytes)) {
            fill(4);
            write(file, buffer, 0, BLOCK, 1, directMinBytes);
            file.eraseBlockHeader(1, scratch);
            assertThat(fileBytes(file, 1, DeviceLayout.BLOCK_HEADER_BYTES)).containsOnly(0);
            assertThat(fileBytes(file, 2, 16)).containsOnly(0);
        } finally {
            NativeMemory.free(scratch);
        }
    }
}
