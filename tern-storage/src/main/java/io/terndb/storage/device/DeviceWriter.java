package io.terndb.storage.device;

import static io.terndb.storage.NativeMemory.ALL;

import io.terndb.storage.DurableCallback;
import io.terndb.storage.NativeMemory;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends records to one device file through an in-memory write block, and persists them with group commit.
 *
 * <p>Appenders copy records into the active block under {@link #lock()} and get back the file's write-stream
 * position after their record (a ticket). One flusher thread writes everything appended since its last round to
 * the file (one positional write per block range), fsyncs when {@code commit-to-device} is set, and publishes the
 * new persisted position; writers wait for their ticket before they answer. So a process crash loses no
 * acknowledged write, and with commit-to-device neither does a machine crash. While the flusher writes, more
 * records pile up for its next round: the busier the file, the more records each write carries.
 *
 * <p>How a range reaches the file: a block's ranges go through the page cache until a round of at least
 * {@link #DIRECT_WRITE_MIN_BYTES} writes to it; from then on the block's ranges are written directly
 * ({@code O_DIRECT}, where the file system allows it). Big rounds mean a sustained stream of writes: there, the page
 * cache's copy and writeback cost the CPU the writes need (on a two-core virtual machine they took most of a core
 * at 330 MB/s, and pipelined inserts went from 311,000 to about a million per second with direct writes), and this
 * writer keeps its own cache of recent blocks anyway. Small rounds mean a server answering a few writes at a time:
 * there, a copy into the page cache answers in microseconds where a direct write waits for the device. A block
 * stays direct once it went direct because every switch costs a synchronous device round trip (the kernel writes
 * back a dirty page before a direct write over it, and reads back a page a direct write left before a buffered
 * write into it). Either way the bytes have left the process before a write is acknowledged.
 *
 * <p>Full blocks stay in memory as the post-write cache (reads of recent records need no I/O) until evicted, but
 * never before they are flushed. Lock order: partition lock, then this writer's lock.
 */
final class DeviceWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceWriter.class);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * Rounds at least this long go to the device directly (see above): about where a copy into the page cache (some
     * 2 ns a byte with its bookkeeping, on a virtual machine) takes as long as a direct write's round trip to the
     * device (some 100 us there).
     */
    static final int DIRECT_WRITE_MIN_BYTES = 64 << 10;

    /** A write block's memory and how much of it is written and flushed. */
    private static final class BlockBuffer {
        final long address;
        int block = -1;
        long sequence;
        int length;
        int flushed;
        /** Flusher thread: whether this block's ranges are written directly now (sticky until the block is reused). */
        boolean direct;

        BlockBuffer(long address) {
            this.address = address;
        }
    }

    private final DeviceFile file;
    private final BlockTable blocks;
    private final AtomicLong sequenceSource;
    private final boolean commitToDevice;
    private final long flushMaxMs;
    private final int writeBlockBytes;
    private final int flushBytes;
    private final int cacheBlocks;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition persistedChanged = lock.newCondition();
    private final ArrayDeque<BlockBuffer> pool = new ArrayDeque<>();
    private final ArrayDeque<BlockBuffer> unflushed = new ArrayDeque<>();
    private final LinkedHashMap<Integer, BlockBuffer> cache = new LinkedHashMap<>();
    /**
     * Acknowledgements handed over by appending threads, without the lock; the flusher moves them to
     * {@link #waiting} after each round.
     */
    private final ConcurrentLinkedQueue<Waiter> arrivals = new ConcurrentLinkedQueue<>();
    /** Flusher thread only: acknowledgements whose tickets are not persisted yet. */
    private final ArrayList<Waiter> waiting = new ArrayList<>();
    private BlockBuffer active;
    private volatile long streamBytes;
    /** Written under the lock; read without it by {@link #whenPersisted}. */
    private volatile long persistedBytes;
    private long lastLocation;
    private boolean closed;
    /** Set once the flusher has stopped: nobody completes waiters after that, so they complete at once. */
    private volatile boolean flusherStopped;
    private volatile RuntimeException failure;
    private final long eraseScratch = NativeMemory.allocateZeroed(DeviceLayout.BLOCK_HEADER_BYTES);
    private final Thread flusher;

    private long cacheHits;
    private long reads;
    private long flushes;
    private long flushedRecordBytes;

    DeviceWriter(DeviceFile file, BlockTable blocks, AtomicLong sequenceSource, boolean commitToDevice,
            int flushBytes, long flushMaxMs, long postWriteCacheBytes) {
        this.file = file;
        this.blocks = blocks;
        this.sequenceSource = sequenceSource;
        this.commitToDevice = commitToDevice;
        this.flushMaxMs = Math.max(1, flushMaxMs);
        this.writeBlockBytes = file.writeBlockBytes();
        this.flushBytes = flushBytes;
        this.cacheBlocks = (int) Math.max(1, postWriteCacheBytes / writeBlockBytes);
        this.flusher = Thread.ofPlatform().name("flush-" + file.path().getFileName()).daemon().start(this::flushLoop);
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Tries this many times before a thread that wants to append parks on the lock. */
    private static final int APPEND_SPINS = 200;

    /**
     * Takes {@link #lock()} for an append, spinning briefly first: an append holds the lock for a copy of a record
     * built beforehand, much shorter than parking and unparking a thread (several microseconds on a virtual
     * machine), so two busy appenders would otherwise spend more time handing the lock over than using it.
     */
    void lockForAppend() {
        for (int i = 0; i < APPEND_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /**
     * Reserves {@code paddedBytes} in the active block (starting a new block when it is full) and returns the
     * address to write the record at, or 0 when the file has no free block. Caller holds {@link #lock()}, then
     * writes the record, then calls {@link #finishAppend}.
     */
    long reserve(int paddedBytes) {
        checkHealthy();
        if (active == null || active.length + paddedBytes > writeBlockBytes) {
            if (!startBlock()) {
                return 0;
            }
        }
        long offset = DeviceLayout.blockOffset(active.block, writeBlockBytes) + active.length;
        lastLocation = DeviceLayout.location(file.index(), offset, paddedBytes);
        long address = active.address + active.length;
        active.length += paddedBytes;
        blocks.addUsed(active.block, paddedBytes);
        return address;
    }

    /** The location of the record last reserved. */
    long lastLocation() {
        return lastLocation;
    }

    long activeSequence() {
        return active.sequence;
    }

    /**
     * Completes an append; returns the ticket: the stream position that must be durable before answering. With
     * {@code wake} false the flusher is not woken: the caller calls {@link #wake()} soon.
     */
    long finishAppend(int paddedBytes, boolean wake) {
        streamBytes += paddedBytes;
        if (wake) {
            work.signal();
        }
        return streamBytes;
    }

    /** Wakes the flusher if there is anything to write. */
    void wake() {
        lock.lock();
        try {
            if (streamBytes != persistedBytes) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The write-stream position now (for releasing a version: its block's reuse waits for this). */
    long streamBytes() {
        return streamBytes;
    }

    private boolean startBlock() {
        if (active != null) {
            unflushed.add(active);
            blocks.seal(active.block, streamBytes);
            active = null;
        }
        long sequence = sequenceSource.incrementAndGet();
        int block = blocks.take(sequence);
        if (block < 0 && blocks.hasFreeing()) {
            awaitPersistedLocked(streamBytes); // blocks emptied since the last flush become free after it
            block = blocks.take(sequence);
        }
        if (block < 0) {
            return false;
        }
        BlockBuffer buffer = pool.isEmpty() ? new BlockBuffer(allocateBlock(writeBlockBytes)) : pool.poll();
        buffer.block = block;
        buffer.sequence = sequence;
        buffer.flushed = 0;
        buffer.direct = false;
        writeBlockHeader(buffer.address, sequence);
        buffer.length = DeviceLayout.BLOCK_HEADER_BYTES;
        active = buffer;
        return true;
    }

    /**
     * Memory for a write block: aligned for direct I/O, and on huge pages when it spans whole ones (pipelined 1 KiB
     * inserts: 1.10 and 1.30 million per second against 1.03 and 1.00 on small pages, side by side).
     */
    private static long allocateBlock(int bytes) {
        if (bytes % NativeMemory.HUGE_PAGE_BYTES != 0) {
            return NativeMemory.allocateAligned(bytes, DeviceFile.DIRECT_ALIGNMENT);
        }
        long address = NativeMemory.allocateAligned(bytes, NativeMemory.HUGE_PAGE_BYTES);
        NativeMemory.adviseHugePages(address, bytes);
        return address;
    }

    static void writeBlockHeader(long address, long sequence) {
        NativeMemory.fill(address, DeviceLayout.BLOCK_HEADER_BYTES, (byte) 0);
        ALL.set(INT_LE, address, DeviceLayout.BLOCK_MAGIC);
        ALL.set(INT_LE, address + 4, DeviceLayout.FORMAT);
        ALL.set(LONG_LE, address + DeviceLayout.BLOCK_SEQUENCE_OFFSET, sequence);
        CRC32C crc = new CRC32C();
        crc.update(ALL.asSlice(address, DeviceLayout.BLOCK_HEADER_CRC_OFFSET).asByteBuffer());
        ALL.set(INT_LE, address + DeviceLayout.BLOCK_HEADER_CRC_OFFSET, (int) crc.getValue());
    }

    /**
     * Copies the record at {@code location} into {@code destination} if its block is still in memory (active or
     * in the post-write cache); returns whether it was.
     */
    boolean copyIfBuffered(long location, long destination) {
        int block = DeviceLayout.blockOf(DeviceLayout.offset(location), writeBlockBytes);
        long within = DeviceLayout.offset(location) - DeviceLayout.blockOffset(block, writeBlockBytes);
        int bytes = DeviceLayout.paddedBytesOf(location);
        lock.lock();
        try {
            reads++;
            BlockBuffer buffer = active != null && active.block == block ? active : cache.get(block);
            if (buffer == null) {
                for (BlockBuffer pending : unflushed) {
                    if (pending.block == block) {
                        buffer = pending;
                    }
                }
            }
            if (buffer == null) {
                return false;
            }
            cacheHits++;
            NativeMemory.copy(buffer.address + within, destination, bytes);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Copies write block {@code block} (whole) into {@code destination}: from memory if it is still there (it may
     * not be flushed yet), else from the file.
     */
    void readBlock(int block, long destination) {
        lock.lock();
        try {
            BlockBuffer buffer = active != null && active.block == block ? active : cache.get(block);
            for (BlockBuffer pending : unflushed) {
                if (pending.block == block) {
                    buffer = pending;
                }
            }
            if (buffer != null) {
                NativeMemory.copy(buffer.address, destination, buffer.length);
                NativeMemory.fill(destination + buffer.length, writeBlockBytes - buffer.length, (byte) 0);
                return;
            }
        } finally {
            lock.unlock();
        }
        file.read(destination, writeBlockBytes, DeviceLayout.blockOffset(block, writeBlockBytes));
    }

    /** Blocks until the write stream is durable up to {@code ticket}. */
    void awaitPersisted(long ticket) {
        lock.lock();
        try {
            awaitPersistedLocked(ticket);
        } finally {
            lock.unlock();
        }
    }

    private void awaitPersistedLocked(long ticket) {
        while (persistedBytes < ticket) {
            checkHealthy();
            work.signal();
            persistedChanged.awaitUninterruptibly();
        }
    }

    private void checkHealthy() {
        if (failure != null) {
            throw new IllegalStateException("device " + file.path() + " failed; writes refused", failure);
        }
        if (closed) {
            throw new IllegalStateException("device " + file.path() + " is closed");
        }
    }

    /**
     * Calls {@code callback} (on the flusher thread, or now on this one) once the write stream is durable up to
     * {@code ticket}, or with false if the device fails first. Never blocks and takes no lock: the append that
     * produced the ticket already woke the flusher, or its caller promised to ({@link #finishAppend}).
     */
    void whenPersisted(long ticket, DurableCallback callback) {
        if (settled(ticket)) {
            callback.done(persistedBytes >= ticket);
            return;
        }
        Waiter waiter = new Waiter(ticket, callback);
        arrivals.add(waiter);
        // The flusher may have published the ticket and taken the arrivals just before the add: look again. One of
        // the two sees the other (both are volatile accesses); the waiter's flag lets only one complete it.
        if (settled(ticket)) {
            waiter.complete(persistedBytes >= ticket);
        }
    }

    private boolean settled(long ticket) {
        return persistedBytes >= ticket || failure != null || flusherStopped;
    }

    /** An acknowledgement; its flag is set by whoever completes it first. */
    private static final class Waiter extends AtomicBoolean {
        final long ticket;
        final DurableCallback callback;

        Waiter(long ticket, DurableCallback callback) {
            this.ticket = ticket;
            this.callback = callback;
        }

        /** Callbacks may do anything short (they hand replies to event loops); they run outside the lock. */
        void complete(boolean durable) {
            if (compareAndSet(false, true)) {
                try {
                    callback.done(durable);
                } catch (RuntimeException e) {
                    log.error("durability callback failed", e);
                }
            }
        }
    }

    /** Flusher thread: completes the waiters whose tickets are persisted, and all of them once the device failed. */
    private void completeReady() {
        for (Waiter arrived; (arrived = arrivals.poll()) != null; ) {
            waiting.add(arrived);
        }
        long persisted = persistedBytes;
        boolean all = failure != null || flusherStopped;
        waiting.removeIf(waiter -> {
            boolean ready = all || waiter.ticket <= persisted;
            if (ready) {
                waiter.complete(waiter.ticket <= persisted);
            }
            return ready;
        });
    }

    private record Range(BlockBuffer buffer, int from, int to) {
    }

    private void flushLoop() {
        List<Range> ranges = new ArrayList<>();
        while (true) {
            long target;
            int[] freeable;
            lock.lock();
            try {
                while (!closed && streamBytes == persistedBytes && !blocks.hasFreeing()) {
                    work.awaitNanos(TimeUnit.MILLISECONDS.toNanos(flushMaxMs));
                }
                if (closed && streamBytes == persistedBytes) {
                    flusherStopped = true;
                    break;
                }
                ranges.clear();
                for (BlockBuffer buffer : unflushed) {
                    ranges.add(new Range(buffer, buffer.flushed, buffer.length));
                }
                if (active != null && active.flushed < active.length) {
                    ranges.add(new Range(active, active.flushed, active.length));
                }
                target = streamBytes;
            } catch (InterruptedException e) {
                continue;
            } finally {
                lock.unlock();
            }
            try {
                freeable = persist(ranges, target);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            publish(ranges, target, freeable);
            completeReady();
        }
        completeReady();
    }

    /**
     * Writes the ranges, in pieces of at most {@code flush-size} (and fsyncs if configured), then erases the headers
     * of blocks that emptied before.
     */
    private int[] persist(List<Range> ranges, long target) {
        long roundBytes = 0;
        for (Range range : ranges) {
            roundBytes += range.to - range.from;
        }
        boolean bigRound = roundBytes >= DIRECT_WRITE_MIN_BYTES;
        for (Range range : ranges) {
            BlockBuffer buffer = range.buffer;
            buffer.direct |= bigRound;
            // No single write larger than flush-size: cut at its multiples (page-aligned, so direct pieces abut).
            for (int from = range.from; from < range.to; ) {
                int to = Math.min(range.to, (from / flushBytes + 1) * flushBytes);
                file.writeBlockRange(buffer.address, from, to, buffer.block, buffer.direct);
                from = to;
            }
            flushedRecordBytes += range.to - range.from;
        }
        flushes++;
        int[] freeable = blocks.freeable(target);
        for (int block : freeable) {
            file.eraseBlockHeader(block, eraseScratch);
        }
        if (commitToDevice || freeable.length > 0) {
            file.force();
        }
        return freeable;
    }

    private void publish(List<Range> ranges, long target, int[] freeable) {
        lock.lock();
        try {
            for (Range range : ranges) {
                range.buffer.flushed = Math.max(range.buffer.flushed, range.to);
            }
            Iterator<BlockBuffer> sealed = unflushed.iterator();
            while (sealed.hasNext()) {
                BlockBuffer buffer = sealed.next();
                if (buffer.flushed == buffer.length) {
                    sealed.remove();
                    cache(buffer);
                }
            }
            persistedBytes = Math.max(persistedBytes, target);
            blocks.markFree(freeable);
            persistedChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void cache(BlockBuffer buffer) {
        cache.put(buffer.block, buffer);
        if (cache.size() > cacheBlocks) {
            Map.Entry<Integer, BlockBuffer> eldest = cache.entrySet().iterator().next();
            cache.remove(eldest.getKey());
            pool.add(eldest.getValue());
        }
    }

    private void fail(RuntimeException e) {
        log.error("device {} failed: writes are refused from now on", file.path(), e);
        lock.lock();
        try {
            failure = e;
            persistedChanged.signalAll();
        } finally {
            lock.unlock();
        }
        completeReady();
    }

    long cacheHits() {
        return cacheHits;
    }

    long reads() {
        return reads;
    }

    long flushes() {
        return flushes;
    }

    long flushedRecordBytes() {
        return flushedRecordBytes;
    }

    /** Closes; returns whether every appended byte reached the device (no failure). */
    boolean closeCleanly() {
        close();
        return failure == null && persistedBytes == streamBytes;
    }

    /** Flushes what is written, stops the flusher and frees the buffers. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            flusher.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure == null) {
            file.force();
        }
        lock.lock();
        try {
            List<BlockBuffer> all = new ArrayList<>(pool);
            all.addAll(unflushed);
            all.addAll(cache.values());
            if (active != null) {
                all.add(active);
            }
            all.forEach(buffer -> NativeMemory.free(buffer.address));
            pool.clear();
            unflushed.clear();
            cache.clear();
            active = null;
        } finally {
            lock.unlock();
        }
        NativeMemory.free(eraseScratch);
    }
}
