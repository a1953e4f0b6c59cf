package io.terndb.storage.device;

import io.terndb.protocol.PartitionId;
import io.terndb.protocol.RecordVersion;
import io.terndb.protocol.VoidTime;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.index.IndexEntryLayout;
import io.terndb.storage.index.PartitionIndex;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds a namespace's index by reading every write block of every file: for each digest the newest version
 * ({@link RecordVersion#LAST_UPDATE_TIME}: later last-update time, then generation) wins, tombstones included, so
 * a deleted record stays deleted.
 * A block whose header is not valid is free; parsing a block stops at the first record that is not whole and valid
 * (a torn tail is expected after a crash, not an error). Expired and truncated records are dropped at the end.
 */
final class ColdStart {

    private static final Logger log = LoggerFactory.getLogger(ColdStart.class);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final DeviceNamespaceStore store;
    private final int writeBlockBytes;
    private long records;
    private long superseded;
    private long blocksInUse;
    private long maxSequence;
    /** Reused for every record's set name (at most 255 bytes): a cold start reads millions of records. */
    private final byte[] setName = new byte[256];

    private ColdStart(DeviceNamespaceStore store) {
        this.store = store;
        this.writeBlockBytes = store.settings().writeBlockBytes();
    }

    static void load(DeviceNamespaceStore store) {
        long started = System.nanoTime();
        ColdStart start = new ColdStart(store);
        long buffer = NativeMemory.allocate(start.writeBlockBytes);
        try {
            for (int file = 0; file < store.fileCount(); file++) {
                start.loadFile(file, buffer);
            }
        } finally {
            NativeMemory.free(buffer);
        }
        long expired = start.dropExpired(VoidTime.nowSeconds(System.currentTimeMillis()));
        store.sequence().set(start.maxSequence);
        log.info("[{}] cold start: {} records and {} tombstones from {} blocks in {} ms ({} superseded versions,"
                + " {} expired or truncated)", store.name(), store.objects(), store.tombstones(), start.blocksInUse,
                (System.nanoTime() - started) / 1_000_000, start.superseded, expired);
    }

    private void loadFile(int fileIndex, long buffer) {
        DeviceFile file = store.file(fileIndex);
        if (file.formatted()) {
            return; // nothing written yet
        }
        BlockTable table = store.table(fileIndex);
        for (int block = 0; block < file.blockCount(); block++) {
            int read = file.read(buffer, writeBlockBytes, DeviceLayout.blockOffset(block, writeBlockBytes));
            long sequence = read >= DeviceLayout.BLOCK_HEADER_BYTES ? DeviceRecords.blockSequenceOfHeader(buffer) : 0;
            if (sequence == 0) {
                continue;
            }
            blocksInUse++;
            maxSequence = Math.max(maxSequence, sequence);
            table.sequence(block, sequence);
            loadBlock(fileIndex, block, buffer, read, sequence);
        }
    }

    private void loadBlock(int fileIndex, int block, long buffer, int read, long sequence) {
        long blockStart = DeviceLayout.blockOffset(block, writeBlockBytes);
        int position = DeviceLayout.BLOCK_HEADER_BYTES;
        while (DeviceRecords.valid(buffer + position, read - position, sequence)) {
            long record = buffer + position;
            int padded = DeviceLayout.paddedBytes(DeviceRecords.length(record));
            apply(record, DeviceLayout.location(fileIndex, blockStart + position, padded));
            records++;
            position += padded;
        }
    }

    /** Puts the record in the index if it is newer than what is there. */
    private void apply(long record, long location) {
        long digest = DeviceRecords.digest(record);
        long d0 = NativeMemory.ALL.get(LONG_LE, digest);
        long d1 = NativeMemory.ALL.get(LONG_LE, digest + 8);
        int d2 = NativeMemory.ALL.get(INT_LE, digest + 16);
        PartitionIndex partition = store.partition(PartitionId.of(NativeMemory.ALL.get(ValueLayout.JAVA_BYTE, digest),
                NativeMemory.ALL.get(ValueLayout.JAVA_BYTE, digest + 1)));
        partition.lock().lock();
        try {
            long entry = partition.find(d0, d1, d2);
            if (entry != 0 && !newer(record, entry)) {
                superseded++; // an older version: never counted in its block's live bytes
                return;
            }
            if (entry == 0) {
                entry = partition.insert(d0, d1, d2);
            } else {
                unaccount(entry);
                superseded++;
            }
            adopt(record, entry, location);
        } finally {
            partition.lock().unlock();
        }
    }

    /** Cold start resolves as the original's does: last-update time first, then the wrap-aware generation. */
    private static boolean newer(long record, long entry) {
        return RecordVersion.LAST_UPDATE_TIME.remoteWins(PartitionIndex.generation(entry),
                PartitionIndex.lastUpdateMs(entry), DeviceRecords.generation(record),
                DeviceRecords.lastUpdateMs(record));
    }

    private void adopt(long record, long entry, long location) {
        boolean tombstone = DeviceRecords.tombstone(record);
        int setLength = DeviceRecords.setLength(record);
        int setId = 0;
        if (setLength > 0) {
            NativeMemory.copyToArray(DeviceRecords.setName(record), setName, 0, setLength);
            setId = Math.max(0, store.sets().findOrAdd(setName, 0, setLength));
        }
        PartitionIndex.setId(entry, setId);
        PartitionIndex.generation(entry, DeviceRecords.generation(record));
        PartitionIndex.voidTime(entry, DeviceRecords.voidTime(record));
        PartitionIndex.lastUpdateMs(entry, DeviceRecords.lastUpdateMs(record));
        PartitionIndex.location(entry, location);
        PartitionIndex.flags(entry, IndexEntryLayout.FLAG_IN_USE | (tombstone ? IndexEntryLayout.FLAG_TOMBSTONE : 0));
        store.table(DeviceLayout.file(location)).addUsed(blockOf(location), DeviceLayout.paddedBytesOf(location));
        if (tombstone) {
            store.tombstoneCount().incrementAndGet();
        } else {
            store.sets().recordAdded(setId, DeviceLayout.paddedBytesOf(location));
        }
    }

    /** Takes the entry's current version out of its block's live bytes and the set or tombstone counts. */
    private void unaccount(long entry) {
        long location = PartitionIndex.location(entry);
        store.table(DeviceLayout.file(location)).addUsed(blockOf(location), -DeviceLayout.paddedBytesOf(location));
        if (PartitionIndex.tombstone(entry)) {
            store.tombstoneCount().decrementAndGet();
        } else {
            store.sets().recordRemoved(PartitionIndex.setId(entry), DeviceLayout.paddedBytesOf(location));
        }
    }

    private int blockOf(long location) {
        return DeviceLayout.blockOf(DeviceLayout.offset(location), writeBlockBytes);
    }

    private long dropExpired(long nowSeconds) {
        return store.sweep((partition, entry) -> {
            if (PartitionIndex.tombstone(entry) || !store.gone(entry, nowSeconds)) {
                return false;
            }
            unaccount(entry);
            partition.remove(entry);
            return true;
        });
    }
}
