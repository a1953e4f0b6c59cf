package io.terndb.storage;

import io.terndb.protocol.PartitionId;
import io.terndb.storage.index.IndexArena;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;

/**
 * The storage of one namespace: 4096 partition indexes over one entry arena, the set registry, and an engine that
 * keeps record images (in memory, or on devices). Every method that takes an entry requires its partition's lock.
 *
 * <p>Write protocol: the caller sets the entry's digest, generation, void time, last-update time and set id, then
 * calls {@link #write}; the engine stores the image, points the entry's location at it and clears its tombstone
 * flag, releasing the previous version (copy-on-write). Before acknowledging, the caller waits on its
 * {@link DurabilityTicket}.
 */
public abstract class NamespaceStore implements AutoCloseable {

    /** What the entry held before a write: nothing (new entry), a live record, or a tombstone. */
    public static final int PREVIOUS_NONE = 0;
    public static final int PREVIOUS_RECORD = 1;
    public static final int PREVIOUS_TOMBSTONE = 2;

    protected final String name;
    protected final IndexArena arena;
    protected final PartitionIndex[] partitions = new PartitionIndex[PartitionId.COUNT];
    protected final SetRegistry sets = new SetRegistry();
    protected final Truncations truncations;

    /** @param truncationFile where truncation cut-offs persist; {@code null} keeps them in memory */
    protected NamespaceStore(String name, IndexArena arena, java.nio.file.Path truncationFile) {
        this.name = name;
        this.arena = arena;
        this.truncations = new Truncations(truncationFile, sets);
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = new PartitionIndex(arena);
        }
    }

    public final String name() {
        return name;
    }

    public final PartitionIndex partition(int partitionId) {
        return partitions[partitionId];
    }

    public final SetRegistry sets() {
        return sets;
    }

    public final Truncations truncations() {
        return truncations;
    }

    /** Whether the entry is a live record: not a tombstone, not expired at {@code nowSeconds}, not truncated. */
    public final boolean live(long entry, long nowSeconds) {
        return entry != 0 && !PartitionIndex.tombstone(entry) && !gone(entry, nowSeconds);
    }

    /** Whether a record (not a tombstone) has expired or been truncated: it is treated as absent. */
    public final boolean gone(long entry, long nowSeconds) {
        return PartitionIndex.expired(entry, nowSeconds)
                || PartitionIndex.lastUpdateMs(entry) <= truncations.cutoffMs(PartitionIndex.setId(entry));
    }

    /**
     * Stores the image of {@code bins} ({@code imageBytes} long) as the entry's new version. Returns
     * {@code ResultCode.OK}, or {@code ResultCode.SERVER_MEMORY_ERROR} when there is no room (nothing changed).
     */
    public final int write(long entry, int previous, BinSet bins, int imageBytes, DurabilityTicket ticket) {
        return write(entry, previous, bins, imageBytes, ticket, false);
    }

    /**
     * As {@link #write(long, int, BinSet, int, DurabilityTicket)}; with {@code replicated}, a copy the master
     * already applied (a replica write or a migrated record): it is not refused at stop-writes, as the original's
     * replica writes are not, or the copies would differ. It still fails when there is no room at all.
     */
    public abstract int write(long entry, int previous, BinSet bins, int imageBytes, DurabilityTicket ticket,
            boolean replicated);

    /**
     * Stores a copy of the record image at {@code image} ({@code imageBytes}, a well-formed {@code RecordLayout}
     * image) as the entry's new version: a copy the master already applied (replicated or migrated), so not refused
     * at stop-writes; the image is copied, never decoded.
     */
    public abstract int writeImage(long entry, int previous, long image, int imageBytes, DurabilityTicket ticket);

    /**
     * The address of the entry's record image ({@code RecordLayout}), valid until the partition lock is released
     * or {@code buffer} is reused; 0 when the stored bytes fail their check (corruption).
     */
    public abstract long open(long entry, RecordBuffer buffer);

    /** What {@link #openBuffered} returns when the record is not in memory. */
    public static final long NOT_BUFFERED = -1;

    /**
     * As {@link #open}, but never blocks on I/O: {@link #NOT_BUFFERED} when the record would have to be read from a
     * device (the caller then retries on a thread that may block).
     */
    public long openBuffered(long entry, RecordBuffer buffer) {
        return open(entry, buffer);
    }

    /**
     * Deletes a record at a client's request: the device engine leaves a tombstone so it stays deleted. The caller
     * has stamped the delete's version on the entry ({@link #stampDelete}).
     */
    public abstract void delete(PartitionIndex partition, long entry, DurabilityTicket ticket);

    /**
     * Makes the entry a tombstone with the version stamped on it, whatever it held before ({@code previous}, one of
     * the {@code PREVIOUS_*} values): a delete that arrived by replication or migration. Engines without tombstones
     * remove the entry.
     */
    public abstract void writeTombstone(PartitionIndex partition, long entry, int previous, DurabilityTicket ticket);

    /**
     * The version of a change the master makes now: the next generation and a last-update time that never goes
     * back, even when this node's clock is behind the one that stamped the previous version.
     */
    public static long nextLastUpdateMs(long entry, long nowMs) {
        return Math.max(nowMs, PartitionIndex.lastUpdateMs(entry) + 1);
    }

    /** Stamps the version of a delete on the entry: the next generation, now, no void time. */
    public static void stampDelete(long entry, long nowMs) {
        int generation = PartitionIndex.generation(entry);
        PartitionIndex.generation(entry, generation >= 0xFFFF ? 1 : generation + 1);
        PartitionIndex.lastUpdateMs(entry, nextLastUpdateMs(entry, nowMs));
        PartitionIndex.voidTime(entry, 0);
    }

    /** Removes a record with no trace (expiry, eviction): its void time already keeps it from coming back. */
    public abstract void remove(PartitionIndex partition, long entry);

    /** Bytes of record data held. */
    public abstract long dataBytes();

    /** Bytes of record data the namespace may hold (memory {@code data-size}, or the devices' size); 0 = no limit. */
    public abstract long dataTotalBytes();

    /** Engine statistics for {@code namespace/NAME}, as the original names them. */
    public void statistics(java.util.function.BiConsumer<String, Object> out) {
    }

    /** Whether storing {@code additionalBytes} more would pass the namespace's stop-writes limit. */
    public abstract boolean stopWrites(long additionalBytes);

    /** Waits until the writes noted in {@code ticket} are durable, then clears it. */
    public void awaitDurable(DurabilityTicket ticket) {
        ticket.clear();
    }

    /** Wakes the flushers of writes noted with a deferred wake ({@link DurabilityTicket#deferWake}). */
    public void wakeFlushers() {
    }

    /**
     * Calls {@code callback} once the writes noted in {@code ticket} are durable, without blocking; the ticket
     * clears itself after (see {@link DurabilityTicket#whenDurable}).
     */
    public void whenDurable(DurabilityTicket ticket, DurableCallback callback) {
        callback.done(true);
    }

    /** Whether operations may block (device I/O): then transactions run off the network threads. */
    public abstract boolean blocking();

    /** Sweeps every partition in turn, each under its lock (see {@link PartitionIndex#sweep}). */
    public final long sweep(PartitionSweeper sweeper) {
        long removed = 0;
        for (PartitionIndex partition : partitions) {
            partition.lock().lock();
            try {
                removed += partition.sweep(entry -> sweeper.removed(partition, entry));
            } finally {
                partition.lock().unlock();
            }
        }
        return removed;
    }

    /** {@link PartitionIndex.Sweeper} that also gets the entry's partition (to remove the entry from it). */
    @FunctionalInterface
    public interface PartitionSweeper {
        boolean removed(PartitionIndex partition, long entry);
    }

    /** Live records (tombstones excluded); a sum of racy reads, exact when the namespace is quiet. */
    public long objects() {
        long objects = 0;
        for (PartitionIndex partition : partitions) {
            objects += partition.size();
        }
        return objects - tombstones();
    }

    public long tombstones() {
        return 0;
    }

    /** Native bytes of the index: the entry arena plus every partition's slot table. */
    public long indexBytes() {
        long bytes = arena.bytes();
        for (PartitionIndex partition : partitions) {
            bytes += partition.tableBytes();
        }
        return bytes;
    }

    /** Frees the slot tables and the arena; engines release their record storage first. */
    @Override
    public void close() {
        for (PartitionIndex partition : partitions) {
            partition.lock().lock();
            try {
                partition.close();
            } finally {
                partition.lock().unlock();
            }
        }
        arena.close();
    }
}
