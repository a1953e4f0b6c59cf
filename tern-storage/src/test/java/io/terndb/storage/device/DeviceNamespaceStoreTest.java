package io.terndb.storage.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.storage.RecordAccess;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceNamespaceStoreTest {

    private static final int BLOCK = 1 << 20;

    @TempDir
    Path directory;

    private DeviceSettings settings(long fileBytes, int files) {
        return settings(fileBytes, files, 50);
    }

    private DeviceSettings settings(long fileBytes, int files, int defragLwmPct) {
        List<Path> paths = java.util.stream.IntStream.range(0, files)
                .mapToObj(i -> directory.resolve("data-" + i + ".dat")).toList();
        return new DeviceSettings(paths, fileBytes, BLOCK, BLOCK, 1000, false, false, defragLwmPct, 90, 4L * BLOCK,
                null);
    }

    private DeviceNamespaceStore open(DeviceSettings settings) throws IOException {
        return DeviceNamespaceStore.open("test", settings, InstantSource.system());
    }

    @Test
    void coldStartReadsBackEveryRecordAcrossTwoFiles() throws IOException {
        DeviceSettings settings = settings(64L << 20, 2);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 3000; key++) {
                assertThat(driver.put(key, StoreDriver.value(key, 1, 50 + (int) (key % 900)), 0))
                        .isEqualTo(ResultCode.OK);
            }
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.objects()).isEqualTo(3000);
            for (long key = 0; key < 3000; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 1, 50 + (int) (key % 900)));
            }
        }
    }

    /**
     * Acknowledgements are handed to the flusher without a lock and may be completed by it or by the writing thread
     * (when the flush won the race): each write must be acknowledged exactly once, as durable.
     */
    @Test
    void everyPipelinedWriteIsAcknowledgedOnceAsDurable() throws Exception {
        int threads = 4;
        int perThread = 5000;
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(threads * perThread);
        AtomicInteger notDurable = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(threads * perThread);
        try (DeviceNamespaceStore store = open(settings(64L << 20, 1))) {
            List<Thread> writers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                writers.add(Thread.ofPlatform().start(() -> {
                    try (RecordAccess access = new RecordAccess(store)) {
                        for (int key = first; key < first + perThread; key++) {
                            int acknowledgedKey = key;
                            access.put(StoreDriver.digest(key), StoreDriver.value(key, 1, 200), 0,
                                    System.currentTimeMillis(), durable -> {
                                        if (!durable) {
                                            notDurable.incrementAndGet();
                                        }
                                        acknowledged.incrementAndGet(acknowledgedKey);
                                        all.countDown();
                                    });
                        }
                    }
                }));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).as("every write acknowledged").isTrue();
            Thread.sleep(100); // a second acknowledgement would come from the flusher's next round
            for (int key = 0; key < threads * perThread; key++) {
                assertThat(acknowledged.get(key)).as("acknowledgements of key %d", key).isEqualTo(1);
            }
            assertThat(notDurable).hasValue(0);
        }
    }

    /** {@code flush-size} caps a single write: a 600 KiB record flushed at 64 KiB takes ten writes, and reads back. */
    @Test
    void aFlushIsCutIntoFlushSizePieces() throws IOException {
        DeviceSettings settings = new DeviceSettings(List.of(directory.resolve("pieces.dat")), 16L << 20, BLOCK,
                64 << 10, 1000, false, false, 50, 90, BLOCK, null);
        byte[] value = StoreDriver.value(7, 1, 600 << 10);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            long before = store.file(0).blockWrites();
            assertThat(driver.put(7, value, 0)).isEqualTo(ResultCode.OK);
            assertThat(store.file(0).blockWrites() - before).isBetween(10L, 11L);
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(driver.get(7)).isEqualTo(value);
        }
    }

    /** With {@code direct-files}, reads that miss the post-write cache use direct I/O and read back every record. */
    @Test
    void directReadsReadBackEveryRecordAfterARestart() throws IOException {
        DeviceSettings buffered = settings(64L << 20, 1);
        DeviceSettings direct = new DeviceSettings(buffered.files(), buffered.fileBytes(), BLOCK, BLOCK, 1000, false,
                true, 50, 90, 4L * BLOCK, null);
        try (DeviceNamespaceStore store = open(direct); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 3000; key++) {
                driver.put(key, StoreDriver.value(key, 1, 50 + (int) (key % 5000)), 0); // spans pages, 7.5 MiB in all
            }
        }
        try (DeviceNamespaceStore store = open(direct); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 3000; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 1, 50 + (int) (key % 5000)));
            }
        }
    }

    @Test
    void restartKeepsTheNewestVersionOfEachRecord() throws IOException {
        DeviceSettings settings = settings(64L << 20, 1);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (int version = 1; version <= 5; version++) {
                for (long key = 0; key < 500; key++) {
                    driver.put(key, StoreDriver.value(key, version, 300), 0);
                }
            }
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 500; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 5, 300));
            }
        }
    }

    @Test
    void deletedRecordsStayDeletedAfterRestart() throws IOException {
        DeviceSettings settings = settings(64L << 20, 1);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 200; key++) {
                driver.put(key, StoreDriver.value(key, 1, 100), 0);
            }
            for (long key = 0; key < 200; key += 2) {
                assertThat(driver.delete(key)).isTrue();
            }
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.objects()).isEqualTo(100);
            assertThat(store.tombstones()).isEqualTo(100);
            for (long key = 0; key < 200; key++) {
                assertThat(driver.get(key)).isEqualTo(key % 2 == 0 ? null : StoreDriver.value(key, 1, 100));
            }
        }
    }

    @Test
    void tornTailAfterACrashIsNotAnError() throws IOException {
        DeviceSettings settings = settings(16L << 20, 1);
        long lastRecordEnd;
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 100; key++) {
                driver.put(key, StoreDriver.value(key, 1, 1000), 0);
            }
            lastRecordEnd = DeviceLayout.offset(lastLocation(store)) + DeviceLayout.paddedBytesOf(lastLocation(store));
        }
        try (RandomAccessFile file = new RandomAccessFile(settings.files().getFirst().toFile(), "rw")) {
            file.seek(lastRecordEnd - 500); // half of the last record is garbage: a write cut short
            file.write(new byte[500]);
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.objects()).isEqualTo(99);
            for (long key = 0; key < 99; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 1, 1000));
            }
        }
    }

    @Test
    void corruptedRecordFailsItsChecksumOnRead() throws IOException {
        // No defragmentation: it would move the sparse block's records (intact) before the test corrupts them.
        DeviceSettings settings = settings(16L << 20, 1, 0);
        long location;
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            driver.put(1, StoreDriver.value(1, 1, 2000), 0);
            driver.put(2, StoreDriver.value(2, 1, 2000), 0);
            location = lastLocation(store);
        }
        DeviceNamespaceStore store = open(settings);
        try (RandomAccessFile file = new RandomAccessFile(settings.files().getFirst().toFile(), "rw")) {
            file.seek(DeviceLayout.offset(location) + 1500); // flip a byte of the second record's value
            int old = file.read();
            file.seek(DeviceLayout.offset(location) + 1500);
            file.write(old ^ 0xFF);
        }
        try (store; StoreDriver driver = new StoreDriver(store)) {
            assertThat(driver.get(1)).isEqualTo(StoreDriver.value(1, 1, 2000));
            assertThatThrownBy(() -> driver.get(2)).hasMessageContaining("checksum");
        }
    }

    @Test
    void expiredRecordsAreDroppedAtColdStart() throws IOException {
        DeviceSettings settings = settings(16L << 20, 1);
        long past = VoidTime.nowSeconds(System.currentTimeMillis()) - 10;
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            driver.put(1, StoreDriver.value(1, 1, 100), past);
            driver.put(2, StoreDriver.value(2, 1, 100), 0);
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.objects()).isEqualTo(1);
            assertThat(driver.get(2)).isNotNull();
        }
    }

    @Test
    void longUpdateLoopKeepsDeviceUseFlat() throws IOException {
        // 32 blocks of 1 MiB; 2000 live records of ~1 KiB take about 2 MiB; 100 MiB of updates must fit by defrag.
        DeviceSettings settings = settings(33L << 20, 1);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (int version = 1; version <= 50; version++) {
                for (long key = 0; key < 2000; key++) {
                    assertThat(driver.put(key, StoreDriver.value(key, version, 1000), 0))
                            .as("version %d key %d", version, key).isEqualTo(ResultCode.OK);
                }
            }
            long liveBytes = 2000L * DeviceLayout.paddedBytes(DeviceLayout.RECORD_HEADER_BYTES + 1000 + 16);
            assertThat(store.dataBytes()).isBetween(liveBytes * 9 / 10, liveBytes * 11 / 10);
            for (long key = 0; key < 2000; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 50, 1000));
            }
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 2000; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 50, 1000));
            }
        }
    }

    @Test
    void refusesWritesAboveStopWritesUsedPctWhileReadsAndDeletesGoOn() throws IOException {
        // Stop writes at 10% of 15 one-MiB blocks: about 1.5 MiB of data.
        DeviceSettings settings = new DeviceSettings(List.of(directory.resolve("full.dat")), 16L << 20, BLOCK, BLOCK,
                1000, false, false, 50, 10, BLOCK, null);
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            long key = 0;
            while (driver.put(key, StoreDriver.value(key, 1, 1000), 0) == ResultCode.OK) {
                key++;
                assertThat(key).as("writes must stop near 1.5 MiB").isLessThan(2000);
            }
            assertThat(driver.put(key, StoreDriver.value(key, 1, 1000), 0))
                    .isEqualTo(ResultCode.SERVER_MEMORY_ERROR);
            assertThat(key).isGreaterThan(1000);
            assertThat(driver.get(0)).isEqualTo(StoreDriver.value(0, 1, 1000));
            for (long deleted = 0; deleted < 100; deleted++) {
                assertThat(driver.delete(deleted)).isTrue();
            }
            assertThat(driver.put(key, StoreDriver.value(key, 1, 1000), 0)).isEqualTo(ResultCode.OK);
        }
    }

    @Test
    void refusesAFileWrittenForAnotherNamespace() throws IOException {
        DeviceSettings settings = settings(16L << 20, 1);
        open(settings).close();
        assertThatThrownBy(() -> DeviceNamespaceStore.open("other", settings, InstantSource.system()))
                .isInstanceOf(IOException.class).hasMessageContaining("written for namespace test");
        assertThat(Files.size(settings.files().getFirst())).isEqualTo(16L << 20);
    }

    @Test
    void cleanShutdownLeavesAnIndexTheNextStartAttaches() throws IOException {
        DeviceSettings settings = withIndexDirectory(settings(64L << 20, 2));
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.warmStarted()).isFalse();
            for (long key = 0; key < 2000; key++) {
                driver.put(key, StoreDriver.value(key, 1, 200), 0);
            }
            for (long key = 0; key < 2000; key += 4) {
                driver.delete(key);
            }
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.warmStarted()).isTrue();
            assertThat(store.objects()).isEqualTo(1500);
            assertThat(store.tombstones()).isEqualTo(500);
            for (long key = 0; key < 2000; key++) {
                assertThat(driver.get(key)).isEqualTo(key % 4 == 0 ? null : StoreDriver.value(key, 1, 200));
            }
            driver.put(5000, StoreDriver.value(5000, 1, 200), 0); // the attached index keeps working
        }
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.warmStarted()).isTrue();
            assertThat(driver.get(5000)).isEqualTo(StoreDriver.value(5000, 1, 200));
        }
    }

    @Test
    void withoutACleanShutdownMarkerTheStartIsCold() throws IOException {
        DeviceSettings settings = withIndexDirectory(settings(64L << 20, 1));
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            for (long key = 0; key < 300; key++) {
                driver.put(key, StoreDriver.value(key, 1, 200), 0);
            }
        }
        Files.delete(settings.indexDirectory().resolve(WarmIndex.FILE_NAME)); // as if the process had died
        try (DeviceNamespaceStore store = open(settings); StoreDriver driver = new StoreDriver(store)) {
            assertThat(store.warmStarted()).isFalse();
            for (long key = 0; key < 300; key++) {
                assertThat(driver.get(key)).isEqualTo(StoreDriver.value(key, 1, 200));
            }
        }
    }

    @Test
    void anIndexSavedForOtherDevicesIsNotAttached() throws IOException {
        DeviceSettings settings = withIndexDirectory(settings(64L << 20, 1));
        open(settings).close();
        DeviceSettings bigger = new DeviceSettings(settings.files(), 64L << 20, BLOCK, 64 << 10, 500, true, false, 50,
                90, BLOCK, settings.indexDirectory());
        try (DeviceNamespaceStore store = open(bigger)) {
            assertThat(store.warmStarted()).isTrue(); // same devices: flush and commit settings may change
        }
        DeviceSettings otherBlocks = new DeviceSettings(java.util.List.of(directory.resolve("other.dat")),
                64L << 20, BLOCK, BLOCK, 1000, false, false, 50, 90, BLOCK, settings.indexDirectory());
        try (DeviceNamespaceStore store = open(otherBlocks)) {
            assertThat(store.warmStarted()).isFalse();
        }
    }

    private DeviceSettings withIndexDirectory(DeviceSettings settings) {
        return new DeviceSettings(settings.files(), settings.fileBytes(), settings.writeBlockBytes(),
                settings.flushBytes(), settings.flushMaxMs(), settings.commitToDevice(), settings.directReads(),
                settings.defragLwmPct(),
                settings.stopWritesUsedPct(), settings.postWriteCacheBytes(), directory.resolve("index"));
    }

    private static long lastLocation(DeviceNamespaceStore store) {
        return store.writer(0).lastLocation();
    }
}
