package io.terndb.storage.device;

import io.terndb.protocol.PartitionId;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.index.PartitionIndex;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the live records out of sparse blocks (below {@code defrag-lwm-pct}) so the blocks empty and return to the
 * free list. A record is moved only if the index still points at this very copy, under its partition lock, so a
 * concurrent update simply wins. The emptied block is reused only once the moved copies are durable (see
 * {@link BlockTable}).
 */
final class Defragmenter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Defragmenter.class);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final long IDLE_SLEEP_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final DeviceNamespaceStore store;
    private final int writeBlockBytes;
    private final long buffer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long blocksDefragmented;
    private volatile long recordsMoved;

    Defragmenter(DeviceNamespaceStore store) {
        this.store = store;
        this.writeBlockBytes = store.settings().writeBlockBytes();
        this.buffer = NativeMemory.allocate(writeBlockBytes);
        this.thread = Thread.ofPlatform().name("defrag-" + store.name()).daemon().start(this::run);
    }

    private void run() {
        while (running) {
            boolean worked = false;
            try {
                for (int file = 0; file < store.fileCount() && running; file++) {
                    int block = store.table(file).nextDefrag();
                    if (block >= 0) {
                        defragment(file, block);
                        worked = true;
                    }
                }
            } catch (RuntimeException e) {
                log.error("[{}] defragmentation failed; retrying", store.name(), e);
            }
            if (!worked) {
                LockSupport.parkNanos(IDLE_SLEEP_NS);
            }
        }
    }

    private void defragment(int file, int block) {
        BlockTable table = store.table(file);
        long sequence = table.sequence(block);
        store.writer(file).readBlock(block, buffer);
        long blockStart = DeviceLayout.blockOffset(block, writeBlockBytes);
        int position = DeviceLayout.BLOCK_HEADER_BYTES;
        while (table.used(block) > 0 && DeviceRecords.valid(buffer + position, writeBlockBytes - position, sequence)) {
            long record = buffer + position;
            int padded = DeviceLayout.paddedBytes(DeviceRecords.length(record));
            if (!move(file, record, DeviceLayout.location(file, blockStart + position, padded))) {
                return; // no room to move to: try again later
            }
            position += padded;
        }
        blocksDefragmented++;
    }

    /** Moves one record if the index still points at it; returns false when the device has no room. */
    private boolean move(int file, long record, long location) {
        long digest = DeviceRecords.digest(record);
        PartitionIndex partition = store.partition(PartitionId.of(NativeMemory.ALL.get(ValueLayout.JAVA_BYTE, digest),
                NativeMemory.ALL.get(ValueLayout.JAVA_BYTE, digest + 1)));
        partition.lock().lock();
        try {
            long entry = partition.find(NativeMemory.ALL.get(LONG_LE, digest),
                    NativeMemory.ALL.get(LONG_LE, digest + 8), NativeMemory.ALL.get(INT_LE, digest + 16));
            if (entry == 0 || PartitionIndex.location(entry) != location) {
                return true; // a newer version exists elsewhere: this copy is dead
            }
            DeviceWriter writer = store.writer(file);
            int padded = DeviceLayout.paddedBytesOf(location);
            writer.lock().lock();
            try {
                long copy = writer.reserve(padded);
                if (copy == 0) {
                    return false;
                }
                NativeMemory.copy(record, copy, padded);
                DeviceRecords.blockSequence(copy, writer.activeSequence()); // outside the checksum
                long moved = writer.lastLocation();
                // No one waits for a move (the old copy stays valid until it is durable): the next write's flush
                // or flush-max-ms carries it, so a defragmented block costs no flusher wake-ups.
                writer.finishAppend(padded, false);
                store.release(location, writer.streamBytes());
                PartitionIndex.location(entry, moved);
            } finally {
                writer.lock().unlock();
            }
            recordsMoved++;
            return true;
        } finally {
            partition.lock().unlock();
        }
    }

    long blocksDefragmented() {
        return blocksDefragmented;
    }

    long recordsMoved() {
        return recordsMoved;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        NativeMemory.free(buffer);
    }
}
