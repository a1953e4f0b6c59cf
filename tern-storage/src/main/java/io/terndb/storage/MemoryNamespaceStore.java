package io.terndb.storage;

import io.terndb.protocol.PartitionId;
import io.terndb.storage.index.IndexArena;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
import io.terndb.storage.record.RecordLayout;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The all-memory storage engine of one namespace: 4096 partition indexes and record images in native memory.
 * Records are copy-on-write: an update stores a new image, points the index entry at it, then frees the old one,
 * all under the partition lock.
 */
public final class MemoryNamespaceStore implements AutoCloseable {

    private final String name;
    private final long dataSizeBytes;
    private final IndexArena arena = new IndexArena();
    private final PartitionIndex[] partitions = new PartitionIndex[PartitionId.COUNT];
    private final SetRegistry sets = new SetRegistry();
    private final AtomicLong dataBytes = new AtomicLong();

    /** @param dataSizeBytes the most record bytes to hold; 0 = no limit */
    public MemoryNamespaceStore(String name, long dataSizeBytes) {
        this.name = name;
        this.dataSizeBytes = dataSizeBytes;
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new PartitionIndex(arena);
        }
    }

    public String name() {
        return name;
    }

    public PartitionIndex partition(int partitionId) {
        return partitions[partitionId];
    }

    public SetRegistry sets() {
        return sets;
    }

    /** Stores the image of {@code bins} and returns its address; the caller points an index entry at it. */
    public long storeRecord(BinSet bins, int totalBytes) {
        long address = NativeMemory.allocate(totalBytes);
        bins.encode(address, totalBytes);
        dataBytes.addAndGet(totalBytes);
        return address;
    }

    public void freeRecord(long address) {
        dataBytes.addAndGet(-RecordLayout.totalBytes(address));
        NativeMemory.free(address);
    }

    /** Deletes the record of {@code entry}: frees its image, updates set counts, removes the index entry. */
    public void removeRecord(PartitionIndex partition, long entry) {
        long record = PartitionIndex.location(entry);
        sets.recordRemoved(PartitionIndex.setId(entry), RecordLayout.totalBytes(record));
        freeRecord(record);
        partition.remove(entry);
    }

    public long dataBytes() {
        return dataBytes.get();
    }

    public long dataSizeBytes() {
        return dataSizeBytes;
    }

    /** Objects in all partitions; a sum of racy reads, exact when the namespace is quiet. */
    public long objects() {
        long objects = 0;
        for (PartitionIndex partition : partitions) {
            objects += partition.size();
        }
        return objects;
    }

    /** Native bytes of the index: the entry arena plus every partition's slot table. */
    public long indexBytes() {
        long bytes = arena.bytes();
        for (PartitionIndex partition : partitions) {
            bytes += partition.tableBytes();
        }
        return bytes;
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
                partition.close();
            } finally {
                partition.lock().unlock();
            }
        }
        arena.close();
    }
}
