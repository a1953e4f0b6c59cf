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

    private static NamespaceStore openDevice(String namespace, StorageConfig.Device device, InstantSource clock) {
        List<String> paths = device.files().isEmpty() ? device.devices() : device.files();
        DeviceSettings settings = new DeviceSettings(paths.stream().map(Path::of).toList(), device.fileSizeBytes(),
                device.writeBlockBytes(), device.flushMaxMs(), device.commitToDevice(), device.defragLwmPct(),
                device.stopWritesUsedPct(), device.postWriteCacheBytes());
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
