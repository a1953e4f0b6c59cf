package io.terndb.storage.device;

import io.terndb.protocol.ResultCode;
import io.terndb.storage.DurabilityTicket;
import io.terndb.storage.DurableCallback;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.index.IndexArena;
import io.terndb.storage.index.IndexEntryLayout;
import io.terndb.storage.index.MappedIndexArena;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device engine: index in memory, records in log-structured device files. A write appends the new version to
 * its file's active write block (copy-on-write) and releases the old one's bytes; reads take one positional read
 * (or none, from the post-write cache); deletes append a tombstone so a restart does not bring the record back.
 * Records are striped over the files by digest.
 */
public final class DeviceNamespaceStore extends NamespaceStore {

    private static final Logger log = LoggerFactory.getLogger(DeviceNamespaceStore.class);

    private final DeviceSettings settings;
    private final InstantSource clock;
    private final DeviceFile[] files;
    private final BlockTable[] tables;
    private final DeviceWriter[] writers;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong tombstones = new AtomicLong();
    private final long totalBytes;
    private Defragmenter defragmenter;
    private boolean warm;

    private DeviceNamespaceStore(String name, DeviceSettings settings, InstantSource clock, DeviceFile[] files,
            IndexArena arena) {
        super(name, arena, truncationFile(settings));
        this.settings = settings;
        this.clock = clock;
        this.files = files;
        this.tables = new BlockTable[files.length];
        this.writers = new DeviceWriter[files.length];
        long total = 0;
        for (int i = 0; i < files.length; i++) {
            tables[i] = new BlockTable(files[i].blockCount(), settings.writeBlockBytes(), settings.defragLwmPct());
            total += (long) files[i].blockCount() * settings.writeBlockBytes();
        }
        this.totalBytes = total;
    }

    /** Truncation cut-offs persist beside the first device file (for a raw device: in the working directory). */
    private static java.nio.file.Path truncationFile(DeviceSettings settings) {
        java.nio.file.Path first = settings.files().getFirst();
        if (settings.fileBytes() == 0) {
            return java.nio.file.Path.of(name(first) + ".truncations");
        }
        return first.resolveSibling(name(first) + ".truncations");
    }

    private static String name(java.nio.file.Path path) {
        return path.getFileName().toString();
    }

    /**
     * Opens the files (formatting new ones), attaches the index left by a clean shutdown (warm restart) or rebuilds
     * it from the devices (cold start), and starts writing and defragmenting.
     */
    public static DeviceNamespaceStore open(String name, DeviceSettings settings, InstantSource clock)
            throws IOException {
        DeviceFile[] files = new DeviceFile[settings.files().size()];
        DeviceNamespaceStore store = null;
        try {
            for (int i = 0; i < files.length; i++) {
                files[i] = DeviceFile.open(settings.files().get(i), i, files.length, settings.fileBytes(),
                        settings.writeBlockBytes(), name);
            }
            MappedIndexArena mapped = settings.indexDirectory() == null ? null
                    : new MappedIndexArena(settings.indexDirectory());
            if (mapped != null) {
                IndexOwner.write(mapped.directory(), settings.files().getFirst());
            }
            WarmIndex.Marker marker = mapped == null ? null : WarmIndex.take(mapped.directory());
            store = new DeviceNamespaceStore(name, settings, clock, files, mapped == null ? new IndexArena() : mapped);
            long started = System.nanoTime();
            if (marker != null && store.attach(marker)) {
                store.warm = true;
                store.truncations().load();
                log.info("[{}] warm restart: attached the index of {} records and {} tombstones in {} ms",
                        name, store.objects(), store.tombstones(), (System.nanoTime() - started) / 1_000_000);
            } else {
                if (mapped != null) {
                    mapped.discardStages();
                }
                store.truncations().load();
                ColdStart.load(store);
            }
            store.startWriters();
            return store;
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            } else {
                closeQuietly(files);
            }
            throw e;
        }
    }

    /**
     * Takes over the mapped index a clean shutdown left: checks that the devices were not written since, then
     * rebuilds the partition tables and block accounting from the entries. Returns false (nothing changed) when
     * the marker does not match, so the caller cold-starts instead.
     */
    private boolean attach(WarmIndex.Marker marker) {
        if (marker.fingerprint() != WarmIndex.fingerprint(settings) || marker.setNames().size() > 1023) {
            return false;
        }
        long deviceSequence = readBlockSequences();
        if (deviceSequence != marker.deviceSequence()) {
            log.warn("[{}] devices were written after the index was saved (sequence {} vs {}): cold start",
                    name, deviceSequence, marker.deviceSequence());
            return false;
        }
        for (String set : marker.setNames()) {
            byte[] bytes = set.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            sets.findOrAdd(bytes, 0, bytes.length);
        }
        arena.restore(marker.stages(), marker.highWater(), marker.freeHead(), marker.inUse());
        for (int index = 1; index < marker.highWater(); index++) {
            long entry = arena.address(index);
            if ((PartitionIndex.flags(entry) & IndexEntryLayout.FLAG_IN_USE) != 0) {
                relink(index, entry);
            }
        }
        sequence.set(deviceSequence);
        return true;
    }

    private void relink(int index, long entry) {
        int partitionId = io.terndb.protocol.PartitionId.of(
                NativeMemory.ALL.get(NativeMemory.BYTE, entry),
                NativeMemory.ALL.get(NativeMemory.BYTE, entry + 1));
        partitions[partitionId].link(index, PartitionIndex.digestPart1(entry));
        long location = PartitionIndex.location(entry);
        int padded = DeviceLayout.paddedBytesOf(location);
        tables[DeviceLayout.file(location)].addUsed(
                DeviceLayout.blockOf(DeviceLayout.offset(location), settings.writeBlockBytes()), padded);
        if (PartitionIndex.tombstone(entry)) {
            tombstones.incrementAndGet();
        } else {
            sets.recordAdded(PartitionIndex.setId(entry), padded);
        }
    }

    /** Reads every block header; records each block's sequence and returns the highest. */
    private long readBlockSequences() {
        long highest = 0;
        long header = NativeMemory.allocate(DeviceLayout.BLOCK_HEADER_BYTES);
        try {
            for (int file = 0; file < files.length; file++) {
                for (int block = 0; block < files[file].blockCount(); block++) {
                    files[file].read(header, DeviceLayout.BLOCK_HEADER_BYTES,
                            DeviceLayout.blockOffset(block, settings.writeBlockBytes()));
                    long blockSequence = DeviceRecords.blockSequenceOfHeader(header);
                    tables[file].sequence(block, blockSequence);
                    highest = Math.max(highest, blockSequence);
                }
            }
        } finally {
            NativeMemory.free(header);
        }
        return highest;
    }

    private void startWriters() {
        for (int i = 0; i < files.length; i++) {
            tables[i].settle();
            writers[i] = new DeviceWriter(files[i], tables[i], sequence, settings.commitToDevice(),
                    settings.flushBytes(), settings.flushMaxMs(), settings.postWriteCacheBytes());
        }
        defragmenter = new Defragmenter(this);
    }

    int fileOf(long entry) {
        return (int) Long.remainderUnsigned(PartitionIndex.digestPart1(entry), files.length);
    }

    @Override
    public int write(long entry, int previous, BinSet bins, int imageBytes, DurabilityTicket ticket,
            boolean replicated) {
        return append(entry, previous, bins, 0, imageBytes, ticket, replicated);
    }

    @Override
    public int writeImage(long entry, int previous, long image, int imageBytes, DurabilityTicket ticket) {
        return append(entry, previous, null, image, imageBytes, ticket, true);
    }

    /** Appends the record whose image is {@code bins} encoded, or (when {@code bins} is null) the bytes at image. */
    private int append(long entry, int previous, BinSet bins, long image, int imageBytes, DurabilityTicket ticket,
            boolean replicated) {
        int setId = PartitionIndex.setId(entry);
        byte[] setName = sets.nameBytes(setId);
        int length = DeviceLayout.RECORD_HEADER_BYTES + (setName == null ? 0 : setName.length) + imageBytes;
        int padded = DeviceLayout.paddedBytes(length);
        long oldLocation = previous == PREVIOUS_NONE ? 0 : PartitionIndex.location(entry);
        int oldPadded = oldLocation == 0 ? 0 : DeviceLayout.paddedBytesOf(oldLocation);
        if (!replicated && padded > oldPadded && stopWrites(padded - oldPadded)) {
            return ResultCode.SERVER_MEMORY_ERROR;
        }
        int file = fileOf(entry);
        DeviceWriter writer = writers[file];
        long built = RecordScratch.forRecord(padded);
        if (built != 0) {
            buildRecord(built, length, padded, entry, setName, bins, image, imageBytes);
        }
        long location;
        long ticketBytes;
        writer.lockForAppend();
        try {
            long record = writer.reserve(padded);
            if (record == 0) {
                return ResultCode.SERVER_MEMORY_ERROR; // no free block: the device is full
            }
            if (built != 0) {
                NativeMemory.copy(built, record, padded);
            } else {
                buildRecord(record, length, padded, entry, setName, bins, image, imageBytes);
            }
            DeviceRecords.blockSequence(record, writer.activeSequence());
            location = writer.lastLocation();
            ticketBytes = writer.finishAppend(padded, !ticket.defersWake());
            if (oldLocation != 0) {
                release(oldLocation, writer.streamBytes());
            }
        } finally {
            writer.lock().unlock();
        }
        if (previous == PREVIOUS_RECORD) {
            sets.recordResized(setId, padded - oldPadded);
        } else {
            if (previous == PREVIOUS_TOMBSTONE) {
                tombstones.decrementAndGet();
            }
            sets.recordAdded(setId, padded);
        }
        PartitionIndex.location(entry, location);
        PartitionIndex.flags(entry, IndexEntryLayout.FLAG_IN_USE);
        ticket.note(this, file, ticketBytes);
        return ResultCode.OK;
    }

    private static void buildRecord(long record, int length, int padded, long entry, byte[] setName, BinSet bins,
            long image, int imageBytes) {
        DeviceRecords.writeHeader(record, length, padded, 0, entry, setName);
        if (bins != null) {
            bins.encode(DeviceRecords.imageAt(record), imageBytes);
        } else {
            NativeMemory.copy(image, DeviceRecords.imageAt(record), imageBytes);
        }
        DeviceRecords.seal(record);
    }

    @Override
    public long open(long entry, RecordBuffer buffer) {
        return open(entry, buffer, true);
    }

    @Override
    public long openBuffered(long entry, RecordBuffer buffer) {
        return open(entry, buffer, false);
    }

    private long open(long entry, RecordBuffer buffer, boolean mayRead) {
        long location = PartitionIndex.location(entry);
        int file = DeviceLayout.file(location);
        int padded = DeviceLayout.paddedBytesOf(location);
        long record = buffer.ensure(padded);
        if (!writers[file].copyIfBuffered(location, record)) {
            if (!mayRead) {
                return NOT_BUFFERED;
            }
            if (settings.directReads()) {
                record = files[file].readDirect(buffer, padded, DeviceLayout.offset(location));
            } else {
                files[file].read(record, padded, DeviceLayout.offset(location));
            }
        }
        if (!DeviceRecords.valid(record, padded, 0)) {
            log.error("[{}] record at {} offset {} fails its checksum", name, files[file].path(),
                    DeviceLayout.offset(location));
            return 0;
        }
        return DeviceRecords.imageAt(record);
    }

    @Override
    public void delete(PartitionIndex partition, long entry, DurabilityTicket ticket) {
        writeTombstone(partition, entry, PREVIOUS_RECORD, ticket);
    }

    /**
     * Writes a tombstone carrying the version already stamped on the entry (by the master's delete, or by a
     * replicated or migrated delete), replacing whatever the entry held ({@code previous}).
     */
    @Override
    public void writeTombstone(PartitionIndex partition, long entry, int previous, DurabilityTicket ticket) {
        int setId = PartitionIndex.setId(entry);
        byte[] setName = sets.nameBytes(setId);
        int length = DeviceLayout.RECORD_HEADER_BYTES + (setName == null ? 0 : setName.length);
        int padded = DeviceLayout.paddedBytes(length);
        long oldLocation = previous == PREVIOUS_NONE ? 0 : PartitionIndex.location(entry);
        PartitionIndex.voidTime(entry, 0);
        int file = fileOf(entry);
        DeviceWriter writer = writers[file];
        long tombstone = RecordScratch.forRecord(padded); // a header and a set name: always fits
        DeviceRecords.writeHeader(tombstone, length, padded, DeviceLayout.RECORD_FLAG_TOMBSTONE, entry, setName);
        DeviceRecords.seal(tombstone);
        writer.lockForAppend();
        try {
            long record = writer.reserve(padded);
            if (record == 0) {
                // No room even for a tombstone: delete without one (it may come back after a cold start).
                log.warn("[{}] device full: deleting without a tombstone", name);
                if (previous == PREVIOUS_NONE) {
                    partition.remove(entry);
                } else {
                    remove(partition, entry);
                }
                return;
            }
            NativeMemory.copy(tombstone, record, padded);
            DeviceRecords.blockSequence(record, writer.activeSequence());
            PartitionIndex.location(entry, writer.lastLocation());
            ticket.note(this, file, writer.finishAppend(padded, !ticket.defersWake()));
            if (oldLocation != 0) {
                release(oldLocation, writer.streamBytes());
            }
        } finally {
            writer.lock().unlock();
        }
        if (previous == PREVIOUS_RECORD) {
            sets.recordRemoved(setId, DeviceLayout.paddedBytesOf(oldLocation));
        }
        PartitionIndex.flags(entry, IndexEntryLayout.FLAG_IN_USE | IndexEntryLayout.FLAG_TOMBSTONE);
        if (previous != PREVIOUS_TOMBSTONE) {
            tombstones.incrementAndGet();
        }
    }

    @Override
    public void remove(PartitionIndex partition, long entry) {
        long location = PartitionIndex.location(entry);
        release(location, writers[DeviceLayout.file(location)].streamBytes());
        if (PartitionIndex.tombstone(entry)) {
            tombstones.decrementAndGet();
        } else {
            sets.recordRemoved(PartitionIndex.setId(entry), DeviceLayout.paddedBytesOf(location));
        }
        partition.remove(entry);
    }

    /** The version at {@code location} is dead: its block loses its bytes. */
    void release(long location, long streamBytes) {
        BlockTable table = tables[DeviceLayout.file(location)];
        table.release(DeviceLayout.blockOf(DeviceLayout.offset(location), settings.writeBlockBytes()),
                DeviceLayout.paddedBytesOf(location), streamBytes);
    }

    /**
     * Drops tombstones that no longer shadow anything: a tombstone in its file's oldest block that holds data has
     * no older version left on the device. Called by the namespace supervisor.
     */
    public long reclaimTombstones() {
        long[] oldest = new long[files.length];
        for (int i = 0; i < files.length; i++) {
            oldest[i] = tables[i].oldestSequence();
        }
        return sweep((partition, entry) -> {
            if (!PartitionIndex.tombstone(entry)) {
                return false;
            }
            long location = PartitionIndex.location(entry);
            int file = DeviceLayout.file(location);
            int block = DeviceLayout.blockOf(DeviceLayout.offset(location), settings.writeBlockBytes());
            if (tables[file].sequence(block) > oldest[file]) {
                return false;
            }
            remove(partition, entry);
            return true;
        });
    }

    @Override
    public void awaitDurable(DurabilityTicket ticket) {
        for (int file = 0; file < ticket.fileCount(); file++) {
            long bytes = ticket.streamBytes(file);
            if (bytes > 0) {
                writers[file].awaitPersisted(bytes);
            }
        }
        super.awaitDurable(ticket);
    }

    @Override
    public void wakeFlushers() {
        for (DeviceWriter writer : writers) {
            writer.wake();
        }
    }

    @Override
    public void whenDurable(DurabilityTicket ticket, DurableCallback callback) {
        int pendingFiles = 0;
        for (int file = 0; file < ticket.fileCount(); file++) {
            pendingFiles += ticket.streamBytes(file) > 0 ? 1 : 0;
        }
        DurableCallback each = pendingFiles == 1 ? callback : new DurableCountdown(pendingFiles, callback);
        for (int file = 0; file < ticket.fileCount(); file++) {
            long bytes = ticket.streamBytes(file);
            if (bytes > 0) {
                writers[file].whenPersisted(bytes, each);
            }
        }
    }

    /** Calls through once every file has answered: durable only if all were. */
    private static final class DurableCountdown extends java.util.concurrent.atomic.AtomicInteger
            implements DurableCallback {
        private final DurableCallback callback;
        private volatile boolean allDurable = true;

        DurableCountdown(int files, DurableCallback callback) {
            super(files);
            this.callback = callback;
        }

        @Override
        public void done(boolean durable) {
            if (!durable) {
                allDurable = false;
            }
            if (decrementAndGet() == 0) {
                callback.done(allDurable);
            }
        }
    }

    @Override
    public long dataBytes() {
        long used = 0;
        for (BlockTable table : tables) {
            used += table.usedBytes();
        }
        return used;
    }

    @Override
    public long dataTotalBytes() {
        return totalBytes;
    }

    @Override
    public boolean stopWrites(long additionalBytes) {
        return (dataBytes() + additionalBytes) * 100 > totalBytes * settings.stopWritesUsedPct();
    }

    @Override
    public boolean blocking() {
        return true;
    }

    @Override
    public long tombstones() {
        return tombstones.get();
    }

    @Override
    public void statistics(BiConsumer<String, Object> out) {
        long used = dataBytes();
        int freeBlocks = 0;
        int blocks = 0;
        int defragQueue = 0;
        long reads = 0;
        long hits = 0;
        long flushes = 0;
        for (int i = 0; i < files.length; i++) {
            freeBlocks += tables[i].freeBlocks();
            blocks += tables[i].count();
            defragQueue += tables[i].defragQueueLength();
            reads += writers[i].reads();
            hits += writers[i].cacheHits();
            flushes += writers[i].flushes();
        }
        out.accept("storage-engine", "device");
        out.accept("device_total_bytes", totalBytes);
        out.accept("device_used_bytes", used);
        out.accept("device_used_pct", totalBytes == 0 ? 0 : used * 100 / totalBytes);
        out.accept("device_available_pct", blocks == 0 ? 0 : (long) freeBlocks * 100 / blocks);
        out.accept("device_free_wblocks", freeBlocks);
        out.accept("device_total_wblocks", blocks);
        out.accept("device_defrag_q", defragQueue);
        out.accept("device_defrag_reads", defragmenter == null ? 0 : defragmenter.blocksDefragmented());
        out.accept("device_write_flushes", flushes);
        out.accept("cache_read_pct", reads == 0 ? 0 : hits * 100 / reads);
        out.accept("storage-engine.write-block-size", settings.writeBlockBytes());
        out.accept("storage-engine.flush-size", settings.flushBytes());
        out.accept("storage-engine.commit-to-device", settings.commitToDevice());
        out.accept("storage-engine.direct-files", settings.directReads());
        out.accept("storage-engine.defrag-lwm-pct", settings.defragLwmPct());
        out.accept("storage-engine.stop-writes-used-pct", settings.stopWritesUsedPct());
    }

    /** Whether this start attached the index a clean shutdown left (warm restart) instead of scanning. */
    public boolean warmStarted() {
        return warm;
    }

    DeviceSettings settings() {
        return settings;
    }

    DeviceFile file(int index) {
        return files[index];
    }

    int fileCount() {
        return files.length;
    }

    BlockTable table(int file) {
        return tables[file];
    }

    DeviceWriter writer(int file) {
        return writers[file];
    }

    AtomicLong sequence() {
        return sequence;
    }

    AtomicLong tombstoneCount() {
        return tombstones;
    }

    PartitionIndex[] partitions() {
        return partitions;
    }

    /**
     * Stops defragmenting, flushes and closes the files, and, when the index is memory-mapped and every write
     * reached its device, leaves the marker that lets the next start attach the index instead of rebuilding it.
     */
    @Override
    public void close() {
        if (defragmenter != null) {
            defragmenter.close();
        }
        boolean clean = writers.length > 0 && writers[0] != null;
        for (DeviceWriter writer : writers) {
            if (writer != null) {
                clean &= writer.closeCleanly();
            }
        }
        closeQuietly(files);
        if (clean && arena instanceof MappedIndexArena mapped) {
            List<String> setNames = new java.util.ArrayList<>();
            for (int id = 1; id <= sets.count(); id++) {
                setNames.add(sets.name(id));
            }
            WarmIndex.write(mapped.directory(), new WarmIndex.Marker(WarmIndex.fingerprint(settings),
                    arena.stageCount(), arena.highWater(), arena.freeHead(), arena.inUse(), sequence.get(), setNames));
        }
        super.close();
    }

    private static void closeQuietly(DeviceFile[] files) {
        for (DeviceFile file : files) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    log.warn("closing {} failed", file.path(), e);
                }
            }
        }
    }
}
