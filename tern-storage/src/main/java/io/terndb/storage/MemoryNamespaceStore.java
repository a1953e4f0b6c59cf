package io.terndb.storage;

import io.terndb.protocol.ResultCode;
import io.terndb.storage.index.IndexArena;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
import io.terndb.storage.record.RecordLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The all-memory engine: each record image is one native allocation. An update allocates the new image, points the
 * entry at it and frees the old one, all under the partition lock. Nothing to wait for: writes are durable as soon
 * as they are anywhere.
 */
public final class MemoryNamespaceStore extends NamespaceStore {

    private final long dataSizeBytes;
    private final long stopWritesBytes;
    private final AtomicLong dataBytes = new AtomicLong();

    /**
     * @param dataSizeBytes     the most record bytes to hold; 0 = no limit
     * @param stopWritesUsedPct writes are refused above this share of {@code dataSizeBytes}
     */
    public MemoryNamespaceStore(String name, long dataSizeBytes, int stopWritesUsedPct) {
        super(name, new IndexArena(), null);
        this.dataSizeBytes = dataSizeBytes;
        this.stopWritesBytes = dataSizeBytes == 0 ? Long.MAX_VALUE : dataSizeBytes / 100 * stopWritesUsedPct;
    }

    @Override
    public int write(long entry, int previous, BinSet bins, int imageBytes, DurabilityTicket ticket,
            boolean replicated) {
        return store(entry, previous, bins, 0, imageBytes, replicated);
    }

    @Override
    public int writeImage(long entry, int previous, long image, int imageBytes, DurabilityTicket ticket) {
        return store(entry, previous, null, image, imageBytes, true);
    }

    /** Stores {@code bins} encoded, or (when {@code bins} is null) a copy of the image at {@code image}. */
    private int store(long entry, int previous, BinSet bins, long image, int imageBytes, boolean replicated) {
        long old = previous == PREVIOUS_RECORD ? PartitionIndex.location(entry) : 0;
        long oldBytes = old == 0 ? 0 : RecordLayout.totalBytes(old);
        if (!replicated && imageBytes > oldBytes && stopWrites(imageBytes - oldBytes)) {
            return ResultCode.SERVER_MEMORY_ERROR;
        }
        long address = NativeMemory.allocate(imageBytes);
        if (bins != null) {
            bins.encode(address, imageBytes);
        } else {
            NativeMemory.copy(image, address, imageBytes);
        }
        dataBytes.addAndGet(imageBytes - oldBytes);
        int setId = PartitionIndex.setId(entry);
        if (old != 0) {
            NativeMemory.free(old);
            sets.recordResized(setId, imageBytes - oldBytes);
        } else {
            sets.recordAdded(setId, imageBytes);
        }
        PartitionIndex.location(entry, address);
        return ResultCode.OK;
    }

    @Override
    public long open(long entry, RecordBuffer buffer) {
        return PartitionIndex.location(entry);
    }

    @Override
    public void delete(PartitionIndex partition, long entry, DurabilityTicket ticket) {
        remove(partition, entry);
    }

    /** Memory namespaces keep no tombstones: a replicated or migrated delete removes the record, if any. */
    @Override
    public void writeTombstone(PartitionIndex partition, long entry, int previous, DurabilityTicket ticket) {
        if (previous == PREVIOUS_RECORD) {
            remove(partition, entry);
        } else {
            partition.remove(entry);
        }
    }

    @Override
    public void remove(PartitionIndex partition, long entry) {
        long record = PartitionIndex.location(entry);
        long bytes = RecordLayout.totalBytes(record);
        sets.recordRemoved(PartitionIndex.setId(entry), bytes);
        dataBytes.addAndGet(-bytes);
        NativeMemory.free(record);
        partition.remove(entry);
    }

    @Override
    public long dataBytes() {
        return dataBytes.get();
    }

    @Override
    public long dataTotalBytes() {
        return dataSizeBytes;
    }

    @Override
    public boolean stopWrites(long additionalBytes) {
        return dataBytes.get() + additionalBytes > stopWritesBytes;
    }

    @Override
    public boolean blocking() {
        return false;
    }

    @Override
    public void close() {
        for (PartitionIndex partition : partitions) {
            partition.lock().lock();
            try {
                for (int slot = 0; slot < partition.capacity(); slot++) {
                    long entry = partition.entryAt(slot);
                    if (entry != 0) {
                        NativeMemory.free(PartitionIndex.location(entry));
                    }
                }
            } finally {
                partition.lock().unlock();
            }
        }
        super.close();
    }
}
