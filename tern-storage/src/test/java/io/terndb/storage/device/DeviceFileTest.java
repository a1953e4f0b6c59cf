package io.terndb.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.storage.NativeMemory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Write-block ranges reach the file exactly, with direct writes (widened to whole pages) and through the page
 * cache; reads through the page cache see what direct writes wrote.
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

    private DeviceFile open(boolean allowDirect) throws IOException {
        return DeviceFile.open(directory.resolve("data.dat"), 0, 1, DeviceLayout.FILE_HEADER_BYTES + 4L * BLOCK, BLOCK,
                "test", allowDirect);
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
    @ValueSource(booleans = {true, false})
    void rangesAppendedPieceByPieceReadBackExactly(boolean allowDirect) throws IOException {
        fill(1);
        try (DeviceFile file = open(allowDirect)) {
            if (!allowDirect) {
                assertThat(file.direct()).isFalse();
            }
            int[] ends = {100, 5000, 5001, 8192, 70_000, BLOCK - 16, BLOCK};
            int from = 0;
            for (int to : ends) {
                file.writeBlockRange(buffer, from, to, 2);
                assertThat(fileBytes(file, 2, to)).as("bytes [0, %d)", to).isEqualTo(bufferBytes(to));
                from = to;
            }
            assertThat(fileBytes(file, 1, BLOCK)).as("the block before").containsOnly(0);
            assertThat(fileBytes(file, 3, BLOCK)).as("the block after").containsOnly(0);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aRewriteOfCachedPagesIsWhatTheNextReadSees(boolean allowDirect) throws IOException {
        try (DeviceFile file = open(allowDirect)) {
            fill(2);
            file.writeBlockRange(buffer, 0, 3 * 4096, 0);
            assertThat(fileBytes(file, 0, 3 * 4096)).isEqualTo(bufferBytes(3 * 4096)); // now in the page cache
            fill(3);
            file.writeBlockRange(buffer, 0, 3 * 4096, 0);
            assertThat(fileBytes(file, 0, 3 * 4096)).isEqualTo(bufferBytes(3 * 4096));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void erasingABlockHeaderZeroesIt(boolean allowDirect) throws IOException {
        long scratch = NativeMemory.allocateAligned(DeviceFile.DIRECT_ALIGNMENT, DeviceFile.DIRECT_ALIGNMENT);
        try (DeviceFile file = open(allowDirect)) {
            fill(4);
            file.writeBlockRange(buffer, 0, BLOCK, 1);
            file.eraseBlockHeader(1, scratch);
            assertThat(fileBytes(file, 1, DeviceLayout.BLOCK_HEADER_BYTES)).containsOnly(0);
            assertThat(fileBytes(file, 2, 16)).containsOnly(0);
        } finally {
            NativeMemory.free(scratch);
        }
    }
}
