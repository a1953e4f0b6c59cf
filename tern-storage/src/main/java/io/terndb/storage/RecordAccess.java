package io.terndb.storage;

import io.terndb.protocol.PartitionId;
import io.terndb.protocol.ResultCode;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
import io.terndb.storage.record.RecordLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Single-bin records read and written straight on a {@link NamespaceStore}, without the network: for storage
 * benchmarks, measurements and tests. Writes follow the same steps as the server's write path (entry metadata
 * first, then the engine, then the durability wait). One instance per thread.
 */
public final class RecordAccess implements AutoCloseable {

    private static final byte[] BIN_NAME = {'v'};

    private final NamespaceStore store;
    private final BinSet bins = new BinSet();
    private final RecordBuffer buffer = new RecordBuffer();
    private final DurabilityTicket ticket = new DurabilityTicket();

    public RecordAccess(NamespaceStore store) {
        this.store = store;
    }

    /**
     * Writes {@code value} as blob bin {@code v} of the record with this 20-byte digest. With {@code durable}, waits
     * until the write is durable; without, the caller calls {@link #awaitDurable()} later (bulk loads).
     */
    public int put(byte[] digest, byte[] value, long voidTime, long nowMs, boolean durable) {
        ByteBuffer parts = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
        PartitionIndex partition = store.partition(PartitionId.of(digest));
        int result;
        partition.lock().lock();
        try {
            long entry = partition.find(parts.getLong(0), parts.getLong(8), parts.getInt(16));
            int previous = entry == 0 ? NamespaceStore.PREVIOUS_NONE
                    : PartitionIndex.tombstone(entry) ? NamespaceStore.PREVIOUS_TOMBSTONE
                    : NamespaceStore.PREVIOUS_RECORD;
            if (entry == 0) {
                entry = partition.insert(parts.getLong(0), parts.getLong(8), parts.getInt(16));
            }
            PartitionIndex.generation(entry, PartitionIndex.generation(entry) % 0xFFFF + 1);
            PartitionIndex.voidTime(entry, voidTime);
            PartitionIndex.lastUpdateMs(entry, nowMs);
            bins.clear();
            int bin = bins.indexOrAdd(BIN_NAME, 1);
            int offset = bins.reserveValue(bin, io.terndb.protocol.ParticleType.BLOB, value.length);
            System.arraycopy(value, 0, bins.values(), offset, value.length);
            result = store.write(entry, previous, bins, (int) bins.encodedBytes(), ticket);
            if (result != ResultCode.OK && previous == NamespaceStore.PREVIOUS_NONE) {
                partition.remove(entry);
            }
        } finally {
            partition.lock().unlock();
        }
        if (durable) {
            ticket.await();
        }
        return result;
    }

    /**
     * Writes as {@link #put} does, and has {@code acknowledge} called once the write is durable (by the device's
     * flusher, or now): the server's way, which keeps many writes in flight without a thread waiting for each.
     */
    public int put(byte[] digest, byte[] value, long voidTime, long nowMs, DurableCallback acknowledge) {
        int result = put(digest, value, voidTime, nowMs, false);
        ticket.whenDurable(acknowledge);
        return result;
    }

    /** Waits until every write made since the last wait is durable. */
    public void awaitDurable() {
        ticket.await();
    }

    /** The value of bin {@code v}, or null when there is no live record. */
    public byte[] get(byte[] digest) {
        PartitionIndex partition = store.partition(PartitionId.of(digest));
        partition.lock().lock();
        try {
            long entry = find(partition, digest);
            if (entry == 0 || PartitionIndex.tombstone(entry)) {
                return null;
            }
            long record = store.open(entry, buffer);
            if (record == 0) {
                throw new IllegalStateException("record failed its checksum");
            }
            long bin = RecordLayout.firstBin(record);
            byte[] value = new byte[RecordLayout.valueBytes(bin)];
            NativeMemory.copyToArray(RecordLayout.value(bin), value, 0, value.length);
            return value;
        } finally {
            partition.lock().unlock();
        }
    }

    /** Deletes the record at {@code nowMs} (a tombstone on devices); returns whether there was one. */
    public boolean delete(byte[] digest, long nowMs) {
        PartitionIndex partition = store.partition(PartitionId.of(digest));
        partition.lock().lock();
        try {
            long entry = find(partition, digest);
            if (entry == 0 || PartitionIndex.tombstone(entry)) {
                return false;
            }
            NamespaceStore.stampDelete(entry, nowMs);
            store.delete(partition, entry, ticket);
        } finally {
            partition.lock().unlock();
        }
        ticket.await();
        return true;
    }

    private static long find(PartitionIndex partition, byte[] digest) {
        ByteBuffer parts = ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN);
        return partition.find(parts.getLong(0), parts.getLong(8), parts.getInt(16));
    }

    @Override
    public void close() {
        buffer.close();
    }
}
