package io.terndb.jmh;

import io.terndb.storage.RecordAccess;
import io.terndb.storage.device.DeviceNamespaceStore;
import io.terndb.storage.device.DeviceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measures, at a scale of millions of records: index bytes per record (as the engine counts them and as resident
 * memory grows), the heap after loading, and the time of a cold start (device scan) and of a warm restart
 * (attaching the memory-mapped index), per the record count.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp tern-jmh/target/benchmarks.jar io.terndb.jmh.StorageScale
 *     10000000</pre>
 *
 * Data goes under {@code -Dtern.bench.dir} (default: the temp dir), the index under {@code /dev/shm}.
 */
public final class StorageScale {

    private StorageScale() {
    }

    public static void main(String[] args) throws IOException {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int valueBytes = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        Path directory = DeviceStores.newDirectory();
        Path index = Files.createTempDirectory(Path.of("/dev/shm"), "tern-bench-index-");
        DeviceSettings settings = DeviceStores.settings(directory, Math.max(1L << 30, records * 256), false, index);
        try {
            measure(settings, records, valueBytes);
        } finally {
            DeviceStores.delete(directory);
            DeviceStores.delete(index);
        }
    }

    private static void measure(DeviceSettings settings, long records, int valueBytes) {
        long rssBefore;
        long loadMs;
        try (DeviceNamespaceStore store = DeviceStores.open(settings); RecordAccess access = new RecordAccess(store)) {
            System.gc();
            rssBefore = residentBytes();
            long started = System.nanoTime();
            byte[] value = new byte[valueBytes];
            long now = System.currentTimeMillis();
            long rssHalf = 0;
            for (long key = 0; key < records; key++) {
                access.put(Digests.of(key), value, 0, now, false);
                if (key == records / 2) {
                    rssHalf = residentBytes();
                }
            }
            access.awaitDurable();
            loadMs = (System.nanoTime() - started) / 1_000_000;
            System.gc();
            long rssGrowth = residentBytes() - rssBefore;
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("records: %d of %d-byte values, loaded in %d ms (%.0f records/s)%n", store.objects(),
                    valueBytes, loadMs, records * 1000.0 / loadMs);
            System.out.printf("index bytes per record (engine count): %.1f%n",
                    (double) store.indexBytes() / records);
            System.out.printf("resident memory growth per record: %.1f bytes over the whole load (%d MiB, fixed"
                    + " buffers included), %.1f bytes over its second half (the per-record slope)%n",
                    (double) rssGrowth / records, rssGrowth >> 20,
                    (double) (residentBytes() - rssHalf) / (records - records / 2));
            System.out.printf("heap used after load and GC: %d MiB%n",
                    (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
        timeStart(settings, records, "warm restart");
        try {
            Files.delete(settings.indexDirectory().resolve("index.meta")); // as after a crash: no clean marker
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        timeStart(settings, records, "cold start");
    }

    private static void timeStart(DeviceSettings settings, long records, String kind) {
        long started = System.nanoTime();
        try (DeviceNamespaceStore store = DeviceStores.open(settings)) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (store.objects() != records || store.warmStarted() != kind.startsWith("warm")) {
                throw new IllegalStateException(kind + ": found " + store.objects() + " records, warm="
                        + store.warmStarted());
            }
            System.out.printf("%s: %d ms for %d records (%.0f ms per 10M)%n", kind, ms, records,
                    ms * 10_000_000.0 / records);
        }
    }

    /** VmRSS of this process, from /proc. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
