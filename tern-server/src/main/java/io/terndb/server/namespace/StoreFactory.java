package io.terndb.server.namespace;

import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.storage.MemoryNamespaceStore;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.device.DeviceNamespaceStore;
import io.terndb.storage.device.DeviceSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/** Opens the storage engine a namespace's {@code storage-engine} stanza asks for. */
final class StoreFactory {

    private StoreFactory() {
    }

    static NamespaceStore open(NamespaceConfig config, InstantSource clock) {
        return switch (config.storage()) {
            case StorageConfig.Memory memory -> new MemoryNamespaceStore(config.name(), memory.dataSizeBytes(),
                    memory.stopWritesUsedPct() == 0 ? 100 : memory.stopWritesUsedPct());
            case StorageConfig.Device device -> openDevice(config.name(), device, clock);
        };
    }

    /**
     * Where a device namespace keeps its index for warm restarts: shared memory ({@code /dev/shm}, a tmpfs) under a
     * name derived from the namespace and its first device's absolute path, so nodes on one machine never share
     * one; {@code null} (cold starts only) when the machine has no {@code /dev/shm}. With
     * {@code index-type pmem|flash { mount PATH }}, the same name under that mount.
     */
    static Path indexDirectory(String namespace, List<Path> files, String mount) {
        Path root = indexRoot(mount);
        if (root == null) {
            return null;
        }
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(files.getFirst().toAbsolutePath().normalize().toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return root.resolve(namespace + "-" + Long.toHexString(crc.getValue()));
    }

    /** The folder that holds the index directories of every node on the machine for one mount (or shared memory). */
    static Path indexRoot(String mount) {
        Path shared = Path.of(mount != null ? mount : "/dev/shm");
        if (mount == null && (!java.nio.file.Files.isDirectory(shared) || !java.nio.file.Files.isWritable(shared))) {
            return null;
        }
        return shared.resolve("terndb");
    }

    private static NamespaceStore openDevice(String namespace, StorageConfig.Device device, InstantSource clock) {
        List<String> paths = device.files().isEmpty() ? device.devices() : device.files();
        List<Path> files = paths.stream().map(Path::of).toList();
        DeviceSettings settings = new DeviceSettings(files, device.fileSizeBytes(), device.writeBlockBytes(),
                device.flushBytes(), device.flushMaxMs(), device.commitToDevice(), device.directFiles(),
                device.defragLwmPct(),
                device.stopWritesUsedPct(), device.postWriteCacheBytes(),
                indexDirectory(namespace, files, device.indexMount()));
        try {
            for (Path path : settings.files()) {
                Path parent = path.toAbsolutePath().getParent();
                if (parent != null && !device.files().isEmpty()) {
                    java.nio.file.Files.createDirectories(parent);
                }
            }
            return DeviceNamespaceStore.open(namespace, settings, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("namespace " + namespace + ": " + e.getMessage(), e);
        }
    }
}
