package io.terndb.jmh;

import io.terndb.storage.device.DeviceNamespaceStore;
import io.terndb.storage.device.DeviceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Device namespaces for benchmarks, in a directory given by {@code -Dtern.bench.dir} (default: the temp dir). */
final class DeviceStores {

    static final int WRITE_BLOCK_BYTES = 8 << 20;
    /** The default {@code flush-size}. */
    static final int FLUSH_BYTES = 1 << 20;

    private DeviceStores() {
    }

    static Path newDirectory() throws IOException {
        Path base = Path.of(System.getProperty("tern.bench.dir", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, "tern-bench-");
    }

    static DeviceSettings settings(Path directory, long fileBytes, boolean commitToDevice, Path indexDirectory) {
        return settings(directory, fileBytes, commitToDevice, false, indexDirectory);
    }

    static DeviceSettings settings(Path directory, long fileBytes, boolean commitToDevice, boolean directReads,
            Path indexDirectory) {
        return new DeviceSettings(List.of(directory.resolve("bench.dat")), fileBytes, WRITE_BLOCK_BYTES, FLUSH_BYTES,
                1000, commitToDevice, directReads, 50, 95, 64L << 20, indexDirectory);
    }

    static DeviceNamespaceStore open(DeviceSettings settings) {
        try {
            return DeviceNamespaceStore.open("bench", settings, InstantSource.system());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
