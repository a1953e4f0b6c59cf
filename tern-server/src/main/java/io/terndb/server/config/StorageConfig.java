package io.terndb.server.config;

import java.util.List;

/** The {@code storage-engine} of a namespace: one of the engines below, matched exhaustively. */
public sealed interface StorageConfig {

    /**
     * {@code storage-engine memory { data-size SIZE }} (or the 6.x form {@code storage-engine memory} with the
     * namespace's {@code memory-size}).
     *
     * @param dataSizeBytes {@code data-size}: the most record data the namespace may hold; 0 = no limit
     * @param stopWritesUsedPct {@code stop-writes-used-pct} (default 70)
     * @param evictUsedPct {@code evict-used-pct} (default 0 = never)
     */
    record Memory(long dataSizeBytes, int stopWritesUsedPct, int evictUsedPct) implements StorageConfig {
    }

    /**
     * {@code storage-engine device { file PATH ... }}: the device engine. {@code indexMount} is the directory of
     * {@code index-type pmem|flash { mount PATH }} where the index is memory-mapped for warm restarts, or
     * {@code null} for the default, shared memory ({@code index-type shmem}).
     */
    record Device(List<String> files, List<String> devices, long fileSizeBytes, int writeBlockBytes, int flushBytes,
            long flushMaxMs, boolean commitToDevice, boolean directFiles, int defragLwmPct, int stopWritesUsedPct,
            int evictUsedPct, long postWriteCacheBytes, String indexMount) implements StorageConfig {
        public Device {
            files = List.copyOf(files);
            devices = List.copyOf(devices);
        }

        /** With the directory of {@code index-type pmem|flash { mount PATH }}: where the index is memory-mapped. */
        public Device withIndexMount(String mount) {
            return new Device(files, devices, fileSizeBytes, writeBlockBytes, flushBytes, flushMaxMs, commitToDevice,
                    directFiles, defragLwmPct, stopWritesUsedPct, evictUsedPct, postWriteCacheBytes, mount);
        }
    }
}
