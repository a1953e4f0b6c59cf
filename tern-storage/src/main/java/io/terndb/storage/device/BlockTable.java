package io.terndb.storage.device;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The write blocks of one device file: each block's state, live bytes and sequence, the free list, and the queue
 * of blocks for the defragmenter.
 *
 * <p>Life of a block: FREE → ACTIVE (being filled) → SEALED (full) → FREEING (no live bytes left, waiting until
 * every write up to the moment it emptied is durable, so that no acknowledged version depends on it) → FREE, its
 * header erased on the device. A SEALED block whose live bytes fall below {@code defrag-lwm-pct} is queued for
 * the defragmenter, which moves its records away until it empties.
 */
final class BlockTable {

    static final byte FREE = 0;
    static final byte ACTIVE = 1;
    static final byte SEALED = 2;
    static final byte FREEING = 3;

    private final int count;
    private final int defragBelowBytes;
    private final AtomicIntegerArray used;
    private final long[] sequence;
    private final byte[] state;
    private final boolean[] queuedForDefrag;
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    /** Pairs (block, write-stream bytes that must be durable before the block may be reused). */
    private final ArrayDeque<long[]> freeing = new ArrayDeque<>();
    private final ArrayDeque<Integer> defragQueue = new ArrayDeque<>();
    private final AtomicLong usedBytes = new AtomicLong();

    BlockTable(int count, int writeBlockBytes, int defragLwmPct) {
        this.count = count;
        this.defragBelowBytes = (int) ((long) writeBlockBytes * defragLwmPct / 100);
        this.used = new AtomicIntegerArray(count);
        this.sequence = new long[count];
        this.state = new byte[count];
        this.queuedForDefrag = new boolean[count];
    }

    int count() {
        return count;
    }

    /** After a cold start or a warm attach: blocks with live bytes are SEALED, the rest FREE. */
    synchronized void settle() {
        free.clear();
        defragQueue.clear();
        for (int block = 0; block < count; block++) {
            if (used.get(block) > 0) {
                state[block] = SEALED;
                queueIfSparse(block);
            } else {
                state[block] = FREE;
                sequence[block] = 0;
                free.add(block);
            }
        }
    }

    /** Takes a free block for writing, or -1 when none is free now. */
    synchronized int take(long blockSequence) {
        Integer block = free.poll();
        if (block == null) {
            return -1;
        }
        state[block] = ACTIVE;
        sequence[block] = blockSequence;
        return block;
    }

    synchronized boolean hasFreeing() {
        return !freeing.isEmpty();
    }

    void addUsed(int block, int bytes) {
        used.addAndGet(block, bytes);
        usedBytes.addAndGet(bytes);
    }

    /**
     * A version in {@code block} is dead: subtract its bytes. {@code streamBytes} is the file's write-stream
     * position now: if the block empties, it may be reused once the stream is durable up to there.
     */
    synchronized void release(int block, int bytes, long streamBytes) {
        int left = used.addAndGet(block, -bytes);
        usedBytes.addAndGet(-bytes);
        if (state[block] == SEALED) {
            if (left == 0) {
                state[block] = FREEING;
                freeing.add(new long[] {block, streamBytes});
            } else {
                queueIfSparse(block);
            }
        }
    }

    /** The active block is full: it becomes SEALED (or FREEING, if everything in it already died). */
    synchronized void seal(int block, long streamBytes) {
        state[block] = SEALED;
        if (used.get(block) == 0) {
            state[block] = FREEING;
            freeing.add(new long[] {block, streamBytes});
        } else {
            queueIfSparse(block);
        }
    }

    /** Blocks whose emptying is now durable (stream persisted up to {@code persistedBytes}); still FREEING. */
    synchronized int[] freeable(long persistedBytes) {
        int ready = 0;
        for (long[] pending : freeing) {
            if (pending[1] <= persistedBytes) {
                ready++;
            }
        }
        int[] blocks = new int[ready];
        int i = 0;
        for (long[] pending : freeing) {
            if (pending[1] <= persistedBytes) {
                blocks[i++] = (int) pending[0];
            }
        }
        return blocks;
    }

    /** The blocks' headers are erased on the device: they are free for reuse. */
    synchronized void markFree(int[] blocks) {
        for (int block : blocks) {
            freeing.removeIf(pending -> pending[0] == block);
            state[block] = FREE;
            sequence[block] = 0;
            queuedForDefrag[block] = false;
            free.add(block);
        }
    }

    /** The next block to defragment, or -1. */
    synchronized int nextDefrag() {
        while (!defragQueue.isEmpty()) {
            int block = defragQueue.poll();
            queuedForDefrag[block] = false;
            if (state[block] == SEALED && used.get(block) > 0) {
                return block;
            }
        }
        return -1;
    }

    private void queueIfSparse(int block) {
        if (!queuedForDefrag[block] && used.get(block) < defragBelowBytes) {
            queuedForDefrag[block] = true;
            defragQueue.add(block);
        }
    }

    int used(int block) {
        return used.get(block);
    }

    synchronized long sequence(int block) {
        return sequence[block];
    }

    /** Cold start: the block holds records of this sequence. */
    synchronized void sequence(int block, long blockSequence) {
        sequence[block] = blockSequence;
    }

    synchronized byte state(int block) {
        return state[block];
    }

    /** The smallest sequence among blocks that hold anything on the device (not FREE), or Long.MAX_VALUE. */
    synchronized long oldestSequence() {
        long oldest = Long.MAX_VALUE;
        for (int block = 0; block < count; block++) {
            if (state[block] != FREE && sequence[block] != 0) {
                oldest = Math.min(oldest, sequence[block]);
            }
        }
        return oldest;
    }

    long usedBytes() {
        return usedBytes.get();
    }

    synchronized int freeBlocks() {
        return free.size();
    }

    synchronized int defragQueueLength() {
        return defragQueue.size();
    }
}
