package io.terndb.storage.index;

import io.terndb.storage.NativeMemory;
import java.util.Arrays;

/**
 * Where the index entries of one namespace live: a growing sequence of equal stages of {@link IndexEntryLayout}
 * entries, each entry named by a 32-bit index (stage * entries per stage + position). Freed entries go on a free
 * list threaded through their location field and are reused before the arena grows, so a namespace whose record
 * count is steady keeps a steady index size.
 *
 * <p>Entry 0 is never handed out: partition tables use 0 for "empty slot". Allocation takes the arena's lock; the
 * entries themselves are guarded by their partition's lock.
 */
public class IndexArena implements AutoCloseable {

    /** 2^16 entries of 48 bytes: 3 MiB a stage, so a small namespace stays small. */
    public static final int ENTRIES_PER_STAGE_SHIFT = 16;
    public static final int ENTRIES_PER_STAGE = 1 << ENTRIES_PER_STAGE_SHIFT;
    public static final long STAGE_BYTES = (long) ENTRIES_PER_STAGE * IndexEntryLayout.BYTES;
    private static final int NO_FREE = 0;

    private long[] stages = new long[0];
    private int stageCount;
    /** Entries handed out at least once: the high-water mark. */
    private int used = 1;
    private int freeHead = NO_FREE;
    private long inUse;

    /** The address of entry {@code index}. */
    public final long address(int index) {
        return stages[index >>> ENTRIES_PER_STAGE_SHIFT]
                + (long) (index & (ENTRIES_PER_STAGE - 1)) * IndexEntryLayout.BYTES;
    }

    /** The free list's first entry (0 = empty); entries on it chain through their location field. */
    public synchronized int freeHead() {
        return freeHead;
    }

    public synchronized int stageCount() {
        return stageCount;
    }

    /**
     * Takes back the state of an arena whose stages survive in persistent memory (a warm restart): maps
     * {@code stageCount} existing stages and resumes the high-water mark, free list and count.
     */
    public synchronized void restore(int restoredStages, int restoredUsed, int restoredFreeHead, long restoredInUse) {
        if (stageCount != 0) {
            throw new IllegalStateException("restore into a used arena");
        }
        for (int stage = 0; stage < restoredStages; stage++) {
            addStage();
        }
        used = restoredUsed;
        freeHead = restoredFreeHead;
        inUse = restoredInUse;
    }

    /** A zeroed entry's index. */
    public synchronized int allocate() {
        int index;
        if (freeHead != NO_FREE) {
            index = freeHead;
            freeHead = (int) PartitionIndex.location(address(index));
        } else {
            if (used >= stageCount * ENTRIES_PER_STAGE) {
                addStage();
            }
            index = used++;
        }
        NativeMemory.fill(address(index), IndexEntryLayout.BYTES, (byte) 0);
        inUse++;
        return index;
    }

    public synchronized void free(int index) {
        long entry = address(index);
        NativeMemory.fill(entry, IndexEntryLayout.BYTES, (byte) 0);
        PartitionIndex.location(entry, freeHead);
        freeHead = index;
        inUse--;
    }

    /** Entries in use. */
    public synchronized long inUse() {
        return inUse;
    }

    /** Native bytes the arena holds (whole stages). */
    public synchronized long bytes() {
        return stageCount * STAGE_BYTES;
    }

    /** One past the highest entry index ever handed out; entries below it are in use or on the free list. */
    public synchronized int highWater() {
        return used;
    }

    protected long newStage(int stage) {
        return NativeMemory.allocate(STAGE_BYTES);
    }

    protected void releaseStage(int stage, long address) {
        NativeMemory.free(address);
    }

    private void addStage() {
        if (stageCount == stages.length) {
            stages = Arrays.copyOf(stages, Math.max(4, stages.length * 2));
        }
        if ((long) (stageCount + 1) * ENTRIES_PER_STAGE > Integer.MAX_VALUE) {
            throw new IllegalStateException("index arena full: " + (long) stageCount * ENTRIES_PER_STAGE + " entries");
        }
        stages[stageCount] = newStage(stageCount);
        stageCount++;
    }

    @Override
    public synchronized void close() {
        for (int stage = 0; stage < stageCount; stage++) {
            releaseStage(stage, stages[stage]);
        }
        stageCount = 0;
        stages = new long[0];
    }
}
