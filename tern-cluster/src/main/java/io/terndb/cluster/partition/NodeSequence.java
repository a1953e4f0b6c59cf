package io.terndb.cluster.partition;

import io.terndb.protocol.PartitionId;

/**
 * For every partition, the order of the namespace's nodes: the first {@code replication-factor} are its replicas,
 * the first of those its master. The default order is the original's, bit for bit, so a TernDB cluster with the same
 * node ids puts every partition where the original would: each node id and partition id is hashed with 64-bit
 * FNV-1a (little-endian bytes), the pair with 64-bit Jenkins one-at-a-time, the node's succession index is overlaid on
 * the low bits, and nodes sort by that value, highest first.
 *
 * <p>Two adjustments the original keeps for its Enterprise edition are free here, applied in this order:
 * {@code prefer-uniform-balance} keeps each node's share of each replica position at most {@code 4096 / nodes}
 * (rounded up): a node over its share is replaced by the later node with the fewest claims of that position; {@code rack-id} moves, at each replica position, the first later node of a rack not yet
 * among the replicas into it (when such a node exists).
 */
public final class NodeSequence {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    /** The original overlays 3 bits (its cluster-size limit of 8); larger clusters need more. */
    private static final int INDEX_BITS_MIN = 3;

    private final int nodeCount;
    private final short[] rows;

    private NodeSequence(int nodeCount, short[] rows) {
        this.nodeCount = nodeCount;
        this.rows = rows;
    }

    /**
     * @param succession the namespace's nodes, highest id first
     * @param rackIds    each node's rack id, by succession index
     * @param replicas   replicas per partition (at most the node count)
     * @param uniform    whether to even out each replica position's share
     */
    public static NodeSequence compute(long[] succession, int[] rackIds, int replicas, boolean uniform) {
        int n = succession.length;
        short[] rows = new short[PartitionId.COUNT * n];
        int indexBits = Math.max(INDEX_BITS_MIN, 32 - Integer.numberOfLeadingZeros(Math.max(1, n - 1)));
        long indexMask = (1L << indexBits) - 1;
        long[] hashedNodes = new long[n];
        for (int i = 0; i < n; i++) {
            hashedNodes[i] = fnv64(succession[i], Long.BYTES);
        }
        long[] scratch = new long[n];
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            long hashedPid = fnv64(pid, Integer.BYTES);
            for (int i = 0; i < n; i++) {
                scratch[i] = (jenkins64(hashedNodes[i], hashedPid) & ~indexMask) + i;
            }
            sortDescendingUnsigned(scratch);
            for (int position = 0; position < n; position++) {
                rows[pid * n + position] = (short) (scratch[position] & indexMask);
            }
        }
        NodeSequence sequence = new NodeSequence(n, rows);
        int effectiveReplicas = Math.min(replicas, n);
        if (uniform && n > 1) {
            sequence.evenOut(effectiveReplicas);
        }
        if (distinctRacks(rackIds) > 1) {
            sequence.spreadRacks(rackIds, effectiveReplicas);
        }
        return sequence;
    }

    public int nodeCount() {
        return nodeCount;
    }

    /** The succession index of the node at {@code position} in partition {@code pid}'s order. */
    public int node(int pid, int position) {
        return rows[pid * nodeCount + position];
    }

    /** The position of succession index {@code node} in partition {@code pid}'s order. */
    public int positionOf(int pid, int node) {
        for (int position = 0; position < nodeCount; position++) {
            if (rows[pid * nodeCount + position] == node) {
                return position;
            }
        }
        return -1;
    }

    private void evenOut(int replicas) {
        int[][] claims = new int[replicas][nodeCount];
        int share = (PartitionId.COUNT + nodeCount - 1) / nodeCount;
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            for (int position = 0; position < replicas; position++) {
                int[] positionClaims = claims[position];
                if (positionClaims[node(pid, position)] >= share) {
                    // Over its share here: the later node with the fewest claims of this position moves in.
                    int chosen = position;
                    for (int candidate = position + 1; candidate < nodeCount; candidate++) {
                        if (positionClaims[node(pid, candidate)] < positionClaims[node(pid, chosen)]) {
                            chosen = candidate;
                        }
                    }
                    moveTo(pid, chosen, position);
                }
                positionClaims[node(pid, position)]++;
            }
        }
    }

    private void spreadRacks(int[] rackIds, int replicas) {
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            for (int position = 1; position < replicas; position++) {
                if (!rackUsedBefore(pid, position, rackIds[node(pid, position)], rackIds)) {
                    continue;
                }
                for (int candidate = position + 1; candidate < nodeCount; candidate++) {
                    if (!rackUsedBefore(pid, position, rackIds[node(pid, candidate)], rackIds)) {
                        moveTo(pid, candidate, position);
                        break;
                    }
                }
            }
        }
    }

    private boolean rackUsedBefore(int pid, int position, int rack, int[] rackIds) {
        for (int earlier = 0; earlier < position; earlier++) {
            if (rackIds[node(pid, earlier)] == rack) {
                return true;
            }
        }
        return false;
    }

    /** Moves the node at {@code from} to {@code to} (to <= from), shifting those between one place later. */
    private void moveTo(int pid, int from, int to) {
        int base = pid * nodeCount;
        short moved = rows[base + from];
        System.arraycopy(rows, base + to, rows, base + to + 1, from - to);
        rows[base + to] = moved;
    }

    private static int distinctRacks(int[] rackIds) {
        return (int) java.util.Arrays.stream(rackIds).distinct().count();
    }

    /** 64-bit FNV-1a of the low {@code bytes} bytes of {@code value}, little-endian. */
    static long fnv64(long value, int bytes) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < bytes; i++) {
            hash ^= (value >>> (8 * i)) & 0xFF;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** 64-bit Jenkins one-at-a-time over the 16 little-endian bytes of {@code first} then {@code second}. */
    static long jenkins64(long first, long second) {
        long hash = 0;
        for (int i = 0; i < 16; i++) {
            long word = i < 8 ? first : second;
            hash += (word >>> (8 * (i & 7))) & 0xFF;
            hash += hash << 10;
            hash ^= hash >>> 6;
        }
        hash += hash << 3;
        hash ^= hash >>> 11;
        hash += hash << 15;
        return hash;
    }

    private static void sortDescendingUnsigned(long[] values) {
        for (int i = 1; i < values.length; i++) {
            long value = values[i];
            int j = i - 1;
            while (j >= 0 && Long.compareUnsigned(values[j], value) < 0) {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }
}
