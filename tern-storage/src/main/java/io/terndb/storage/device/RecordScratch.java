package io.terndb.storage.device;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Per-thread memory where a record is built and checksummed before it takes its place in a write block, so the
 * writer's lock is held only for a copy (threads that append to the same file otherwise queue behind each other's
 * encoding and checksumming). The memory is freed with its thread.
 */
final class RecordScratch {

    /**
     * Records up to this size are built here; larger ones are built in place under the lock, where the copy they
     * would save is as long as the work.
     */
    static final int BYTES = 64 << 10;

    private static final ThreadLocal<RecordScratch> PER_THREAD = ThreadLocal.withInitial(RecordScratch::new);

    private final MemorySegment memory = Arena.ofAuto().allocate(BYTES, Long.BYTES);

    private RecordScratch() {
    }

    /** This thread's scratch, {@link #BYTES} long, or 0 when a record of {@code paddedBytes} does not fit. */
    static long forRecord(int paddedBytes) {
        return paddedBytes <= BYTES ? PER_THREAD.get().memory.address() : 0;
    }
}
