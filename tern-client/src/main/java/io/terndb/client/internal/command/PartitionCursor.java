package io.terndb.client.internal.command;

import io.terndb.protocol.PartitionId;
import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per partition of a scan: whether it is done and the last digest read (resume point). Partitions are walked by
 * the server in a stable digest order and resumed strictly after the given digest (reference §8.3).
 */
public final class PartitionCursor {

    private final int begin;
    private final int count;
    private final boolean[] done;
    private final byte[][] lastDigest;
    /** Node commands of one scan may run on several event loops at once. */
    private final LongAdder recordsRead = new LongAdder();

    public PartitionCursor(int begin, int count) {
        this.begin = begin;
        this.count = count;
        this.done = new boolean[count];
        this.lastDigest = new byte[count][];
    }

    public boolean isDone() {
        for (boolean partitionDone : done) {
            if (!partitionDone) {
                return false;
            }
        }
        return true;
    }

    public long recordsRead() {
        return recordsRead.sum();
    }

    /** Partition ids not yet done. */
    int[] pending() {
        int[] pending = new int[count];
        int size = 0;
        for (int i = 0; i < count; i++) {
            if (!done[i]) {
                pending[size++] = begin + i;
            }
        }
        return Arrays.copyOf(pending, size);
    }

    boolean contains(int partitionId) {
        return partitionId >= begin && partitionId < begin + count && partitionId < PartitionId.COUNT;
    }

    byte[] lastDigest(int partitionId) {
        return lastDigest[partitionId - begin];
    }

    void recordRead(int partitionId, byte[] digest) {
        lastDigest[partitionId - begin] = digest;
        recordsRead.increment();
    }

    void markDone(int partitionId) {
        done[partitionId - begin] = true;
    }
}
