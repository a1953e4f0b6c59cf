package io.terndb.server.namespace;

import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.storage.MemoryNamespaceStore;
import io.terndb.storage.NamespaceStore;

/** Opens the storage engine a namespace's {@code storage-engine} stanza asks for. */
final class StoreFactory {

    private StoreFactory() {
    }

    static NamespaceStore open(NamespaceConfig config) {
        return switch (config.storage()) {
            case StorageConfig.Memory memory -> new MemoryNamespaceStore(config.name(), memory.dataSizeBytes(),
                    memory.stopWritesUsedPct() == 0 ? 100 : memory.stopWritesUsedPct());
            case StorageConfig.Device device -> throw new IllegalArgumentException("namespace " + config.name()
                    + ": storage-engine device is not served yet; use storage-engine memory");
        };
    }
}
