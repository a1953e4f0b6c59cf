package io.terndb.cluster.partition;

import java.util.Arrays;

/**
 * What a rebalance decides for one partition, identically on every node from the same exchanged versions: its
 * replicas, its working master, the duplicate copies to merge, and which replicas must receive data. Node references
 * are succession indices of the namespace's members.
 *
 * <p>The rules, after the original: the working master is the first copy (in the partition's node order) that was
 * master, else the best copy (full over subset), moved forward to an earlier node holding the same full copy. Every
 * other lineage present (a full copy with another key, or a subset copy no full copy covers) is a duplicate. Without
 * duplicates, a replica immigrates when it lacks the working master's full copy; with duplicates, every replica
 * immigrates (the final master merges all copies, then sends the result to the others).
 */
public final class PartitionPlan {

    final int[] replicas;
    final boolean[] holders;
    final boolean fresh;
    final int workingMaster;
    final int[] duplicates;
    final boolean[] immigrators;

    private PartitionPlan(int[] replicas, boolean[] holders, boolean fresh, int workingMaster, int[] duplicates,
            boolean[] immigrators) {
        this.replicas = replicas;
        this.holders = holders;
        this.fresh = fresh;
        this.workingMaster = workingMaster;
        this.duplicates = duplicates;
        this.immigrators = immigrators;
    }

    /**
     * @param sequence the namespace's node order
     * @param pid      the partition
     * @param replicas replicas per partition (at most the node count)
     * @param keys     each member's version key for this partition, by succession index
     * @param flags    each member's version flags, by succession index
     */
    public static PartitionPlan of(NodeSequence sequence, int pid, int replicas, long[] keys, int[] flags) {
        int n = sequence.nodeCount();
        int[] replicaNodes = new int[replicas];
        for (int position = 0; position < replicas; position++) {
            replicaNodes[position] = sequence.node(pid, position);
        }
        boolean[] holders = new boolean[n];
        for (int node = 0; node < n; node++) {
            holders[node] = PartitionVersion.hasData(keys[node]);
        }
        int workingMaster = workingMaster(sequence, pid, keys, flags);
        if (workingMaster < 0) {
            return new PartitionPlan(replicaNodes, holders, true, replicaNodes[0], new int[0],
                    new boolean[replicas]);
        }
        int[] duplicates = duplicates(sequence, pid, n, keys, flags, workingMaster);
        boolean[] immigrators = new boolean[replicas];
        for (int position = 0; position < replicas; position++) {
            int node = replicaNodes[position];
            immigrators[position] = duplicates.length > 0 || node != workingMaster
                    && !(keys[node] == keys[workingMaster] && PartitionVersion.full(keys[node], flags[node]));
        }
        return new PartitionPlan(replicaNodes, holders, false, workingMaster, duplicates, immigrators);
    }

    private static int workingMaster(NodeSequence sequence, int pid, long[] keys, int[] flags) {
        int best = -1;
        int bestScore = -1;
        for (int position = 0; position < sequence.nodeCount(); position++) {
            int node = sequence.node(pid, position);
            if (!PartitionVersion.hasData(keys[node])) {
                continue;
            }
            boolean full = PartitionVersion.full(keys[node], flags[node]);
            if (full && (flags[node] & PartitionVersion.MASTER) != 0) {
                return shiftForward(sequence, pid, position, keys, flags);
            }
            int score = full ? 2 : 1;
            if (score > bestScore) {
                bestScore = score;
                best = node;
            }
        }
        if (best >= 0 && bestScore == 2) {
            return shiftForward(sequence, pid, sequence.positionOf(pid, best), keys, flags);
        }
        return best;
    }

    /** The earliest node in the order holding the same full copy as the node at {@code position}. */
    private static int shiftForward(NodeSequence sequence, int pid, int position, long[] keys, int[] flags) {
        int master = sequence.node(pid, position);
        for (int earlier = 0; earlier < position; earlier++) {
            int node = sequence.node(pid, earlier);
            if (keys[node] == keys[master] && PartitionVersion.full(keys[node], flags[node])) {
                return node;
            }
        }
        return master;
    }

    private static int[] duplicates(NodeSequence sequence, int pid, int n, long[] keys, int[] flags,
            int workingMaster) {
        int[] found = new int[n];
        int count = 0;
        long[] fullKeys = new long[n];
        int fullCount = 0;
        for (int position = 0; position < n; position++) {
            int node = sequence.node(pid, position);
            if (PartitionVersion.full(keys[node], flags[node]) && !contains(fullKeys, fullCount, keys[node])) {
                fullKeys[fullCount++] = keys[node];
                found[count++] = node;
            }
        }
        for (int position = 0; position < n; position++) {
            int node = sequence.node(pid, position);
            boolean subset = PartitionVersion.hasData(keys[node]) && !PartitionVersion.full(keys[node], flags[node]);
            if (subset && !contains(fullKeys, fullCount, keys[node])) {
                found[count++] = node;
            }
        }
        int[] duplicates = new int[count];
        int kept = 0;
        for (int i = 0; i < count; i++) {
            int node = found[i];
            boolean workingMastersFamily = node == workingMaster
                    || PartitionVersion.full(keys[workingMaster], flags[workingMaster])
                    && keys[node] == keys[workingMaster] && PartitionVersion.full(keys[node], flags[node]);
            if (!workingMastersFamily) {
                duplicates[kept++] = node;
            }
        }
        return Arrays.copyOf(duplicates, kept);
    }

    private static boolean contains(long[] values, int count, long value) {
        for (int i = 0; i < count; i++) {
            if (values[i] == value) {
                return true;
            }
        }
        return false;
    }

    public int replicaCount() {
        return replicas.length;
    }

    public int replica(int position) {
        return replicas[position];
    }

    /** Whether succession index {@code node} held data for the partition when the plan was made. */
    public boolean hasData(int node) {
        return holders[node];
    }

    public boolean fresh() {
        return fresh;
    }

    public int workingMaster() {
        return workingMaster;
    }

    public int[] duplicates() {
        return duplicates.clone();
    }

    public boolean immigrator(int position) {
        return immigrators[position];
    }

    public boolean migrationsNeeded() {
        for (boolean immigrator : immigrators) {
            if (immigrator) {
                return true;
            }
        }
        return false;
    }

    /** The replica position of succession index {@code node}, or -1. */
    public int positionOf(int node) {
        for (int position = 0; position < replicas.length; position++) {
            if (replicas[position] == node) {
                return position;
            }
        }
        return -1;
    }
}
