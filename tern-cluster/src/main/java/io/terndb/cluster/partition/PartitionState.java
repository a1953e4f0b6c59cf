package io.terndb.cluster.partition;

import io.terndb.cluster.NodeIds;

/**
 * This node's state of one partition of one namespace: who its replicas are, who serves it, what this node's copy
 * holds, and the migrations it waits for. Every field is read and written under the partition's lock (the storage
 * lock the transaction path holds, see {@code PartitionData#lock}), which orders a transaction's replica writes,
 * migration batches and the master hand-off on the fabric.
 */
public final class PartitionState {

    static final long[] NO_NODES = new long[0];

    final int pid;
    long clusterKey;
    boolean ready;
    long[] replicas = NO_NODES;
    int selfPosition = -1;
    boolean serving;
    long proxyTarget;
    long versionKey;
    int versionFlags;
    long[] duplicates = NO_NODES;
    /** Immigrations this node expects, by source; a source is removed when its migration is done. */
    long[] immigrationSources = NO_NODES;
    /** Replicas the final master sends its copy to once its own immigrations are done. */
    long[] deferredTargets = NO_NODES;
    int pendingEmigrations;
    /**
     * On the final master: the non-replica nodes that hold a copy. They keep it, so the partition never has fewer
     * copies than before the rebalance, until this node has everything and has sent it to every replica; then it
     * tells them to drop theirs.
     */
    long[] witnesses = NO_NODES;

    PartitionState(int pid) {
        this.pid = pid;
    }

    public int pid() {
        return pid;
    }

    /** The key of the rebalance this state belongs to; 0 before the first. */
    public long clusterKey() {
        return clusterKey;
    }

    /** False between a new view and its rebalance: transactions wait. */
    public boolean ready() {
        return ready;
    }

    /** Whether this node is the partition's working master: it applies writes and answers reads. */
    public boolean serving() {
        return serving;
    }

    /** Where a request this node does not serve goes: the working master as far as this node knows. */
    public long proxyTarget() {
        return proxyTarget;
    }

    /** The final replicas, master first. */
    public long[] replicas() {
        return replicas;
    }

    /** This node's replica position, or -1 if it is no replica. */
    public int selfPosition() {
        return selfPosition;
    }

    /**
     * Whether this node may answer a read itself: it serves, or it is a replica whose copy is whole (a client whose
     * replica policy reads from a prole).
     */
    public boolean servesReads() {
        return serving || selfPosition > 0 && immigrationSources.length == 0 && PartitionVersion.full(versionKey,
                versionFlags);
    }

    /** Copies the serving node must consult for each record before it acts (duplicate resolution). */
    public long[] duplicates() {
        return duplicates;
    }

    public boolean immigrating() {
        return immigrationSources.length > 0;
    }

    public long versionKey() {
        return versionKey;
    }

    public int versionFlags() {
        return versionFlags;
    }

    public long[] immigrationSources() {
        return immigrationSources;
    }

    /**
     * {@code source}'s copy has arrived (its migration's DONE). Removes it from the expected sources and the
     * duplicates; takes over serving if it was the acting master; once nothing more is expected, the copy is whole.
     * Returns the replicas the final master now sends its copy to (empty otherwise). Lock held.
     */
    public long[] immigrated(long self, long source, boolean fromActingMaster) {
        immigrationSources = without(immigrationSources, source);
        duplicates = without(duplicates, source);
        if (fromActingMaster) {
            serving = true;
            proxyTarget = self;
        }
        if (immigrationSources.length > 0) {
            return NO_NODES;
        }
        versionKey = clusterKey;
        versionFlags = selfPosition == 0 ? PartitionVersion.MASTER : 0;
        duplicates = NO_NODES;
        if (selfPosition == 0) {
            serving = true;
            proxyTarget = self;
        }
        long[] targets = deferredTargets;
        deferredTargets = NO_NODES;
        return targets;
    }

    /** The acting master hands the partition to the final master (just before its DONE is queued). Lock held. */
    public void handedOff(long finalMaster) {
        serving = false;
        proxyTarget = finalMaster;
        duplicates = NO_NODES;
        versionFlags &= ~PartitionVersion.MASTER;
    }

    /**
     * One emigration of this copy ended well. A non-replica's copy has reached the final master: it becomes a
     * subset of the new lineage, kept until the final master's signal. Lock held.
     */
    public void emigrated() {
        pendingEmigrations = Math.max(0, pendingEmigrations - 1);
        if (selfPosition < 0 && pendingEmigrations == 0 && PartitionVersion.hasData(versionKey)) {
            versionKey = clusterKey;
            versionFlags = PartitionVersion.SUBSET;
        }
    }

    /**
     * Whether this node is the final master and every migration of the partition is done: it has every copy and
     * every replica has it. Lock held.
     */
    public boolean settledHere() {
        return selfPosition == 0 && immigrationSources.length == 0 && pendingEmigrations == 0
                && deferredTargets.length == 0;
    }

    /** Non-replica holders to tell that the partition is settled; cleared by the call. Lock held. */
    public long[] takeWitnesses() {
        long[] taken = witnesses;
        witnesses = NO_NODES;
        return taken;
    }

    /**
     * The final master says the partition is settled: a non-replica drops its copy. Returns whether to drop now.
     * Lock held.
     */
    public boolean settledElsewhere() {
        if (selfPosition >= 0 || !PartitionVersion.hasData(versionKey) || pendingEmigrations > 0) {
            return false;
        }
        versionKey = PartitionVersion.NONE;
        versionFlags = 0;
        return true;
    }

    private static long[] without(long[] nodes, long node) {
        return java.util.Arrays.stream(nodes).filter(n -> n != node).toArray();
    }

    /** Whether {@code node} is one of this partition's final replicas. */
    public boolean isReplica(long node) {
        return NodeIds.contains(replicas, node);
    }

    @Override
    public String toString() {
        return "partition " + pid + " key " + NodeIds.format(clusterKey) + (ready ? "" : " (not ready)")
                + " replicas " + NodeIds.format(replicas) + (serving ? " serving" : " proxy to "
                + NodeIds.format(proxyTarget)) + " version " + PartitionVersion.format(versionKey, versionFlags)
                + (immigrationSources.length > 0 ? " immigrating from " + NodeIds.format(immigrationSources) : "")
                + (duplicates.length > 0 ? " duplicates " + NodeIds.format(duplicates) : "");
    }
}
