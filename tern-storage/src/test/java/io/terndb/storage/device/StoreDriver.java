package io.terndb.storage.device;

import io.terndb.protocol.PartitionId;
import io.terndb.protocol.ResultCode;
import io.terndb.storage.DurabilityTicket;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
import io.terndb.storage.record.RecordLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Drives a {@link NamespaceStore} the way the server's transactions do (entry metadata first, then the engine),
 * with one blob bin {@code v} per record, keyed by an integer turned into a digest.
 */
final class StoreDriver implements AutoCloseable {

    private final NamespaceStore store;
    private final BinSet bins = new BinSet();
    private final RecordBuffer buffer = new RecordBuffer();
    private final DurabilityTicket ticket = new DurabilityTicket();

    StoreDriver(NamespaceStore store) {
        this.store = store;
    }

    static byte[] digest(long key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(Long.toString(key).getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(sha, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private record Parts(PartitionIndex partition, long d0, long d1, int d2) {
    }

    private Parts parts(long key) {
        ByteBuffer digest = ByteBuffer.wrap(digest(key)).order(ByteOrder.LITTLE_ENDIAN);
        return new Parts(store.partition(PartitionId.of(digest.array())), digest.getLong(0), digest.getLong(8),
                digest.getInt(16));
    }

    /** Writes {@code value} as bin v of record {@code key} (void time 0 = never expires), waits until durable. */
    int put(long key, byte[] value, long voidTime) {
        Parts parts = parts(key);
        parts.partition.lock().lock();
        int result;
        try {
            long entry = parts.partition.find(parts.d0, parts.d1, parts.d2);
            int previous = entry == 0 ? NamespaceStore.PREVIOUS_NONE
                    : PartitionIndex.tombstone(entry) ? NamespaceStore.PREVIOUS_TOMBSTONE
                    : NamespaceStore.PREVIOUS_RECORD;
            if (entry == 0) {
                entry = parts.partition.insert(parts.d0, parts.d1, parts.d2);
            }
            PartitionIndex.generation(entry, PartitionIndex.generation(entry) + 1);
            PartitionIndex.voidTime(entry, voidTime);
            PartitionIndex.lastUpdateMs(entry, System.currentTimeMillis());
            bins.clear();
            int bin = bins.indexOrAdd(new byte[] {'v'}, 1);
            int offset = bins.reserveValue(bin, 4, value.length);
            System.arraycopy(value, 0, bins.values(), offset, value.length);
            result = store.write(entry, previous, bins, (int) bins.encodedBytes(), ticket);
            if (result != ResultCode.OK && previous == NamespaceStore.PREVIOUS_NONE) {
                parts.partition.remove(entry);
            }
        } finally {
            parts.partition.lock().unlock();
        }
        ticket.await();
        return result;
    }

    /** The value of bin v of record {@code key}, or null if there is no live record. */
    byte[] get(long key) {
        Parts parts = parts(key);
        parts.partition.lock().lock();
        try {
            long entry = parts.partition.find(parts.d0, parts.d1, parts.d2);
            if (entry == 0 || PartitionIndex.tombstone(entry)) {
                return null;
            }
            long record = store.open(entry, buffer);
            if (record == 0) {
                throw new IllegalStateException("record " + key + " failed its checksum");
            }
            long bin = RecordLayout.firstBin(record);
            byte[] value = new byte[RecordLayout.valueBytes(bin)];
            io.terndb.storage.NativeMemory.copyToArray(RecordLayout.value(bin), value, 0, value.length);
            return value;
        } finally {
            parts.partition.lock().unlock();
        }
    }

    boolean delete(long key) {
        Parts parts = parts(key);
        parts.partition.lock().lock();
        try {
            long entry = parts.partition.find(parts.d0, parts.d1, parts.d2);
            if (entry == 0 || PartitionIndex.tombstone(entry)) {
                return false;
            }
            store.delete(parts.partition, entry, ticket);
        } finally {
            parts.partition.lock().unlock();
        }
        ticket.await();
        return true;
    }

    static byte[] value(long key, int version, int bytes) {
        byte[] value = new byte[bytes];
        ByteBuffer.wrap(value).putLong(0, key).putInt(8, version);
        for (int i = 12; i < bytes; i++) {
            value[i] = (byte) (key * 31 + version + i);
        }
        return value;
    }

    @Override
    public void close() {
        buffer.close();
    }
}
