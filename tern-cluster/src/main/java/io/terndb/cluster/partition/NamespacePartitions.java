package io.terndb.cluster.partition;

import io.terndb.cluster.ClusterNamespace;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.migration.MigrationTask;
import io.terndb.protocol.PartitionId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The 4096 partition states of one namespace on this node, what a rebalance makes of them, and the migration
 * counters the namespace's statistics report. State changes happen under each partition's lock.
 */
public final class NamespacePartitions {

    private final ClusterNamespace namespace;
    private final long self;
    private final PartitionState[] states = new PartitionState[PartitionId.COUNT];
    private volatile int effectiveReplicationFactor = 1;
    private volatile int clusterSize = 1;

    public final AtomicLong txPartitionsInitial = new AtomicLong();
    public final AtomicLong txPartitionsRemaining = new AtomicLong();
    public final AtomicLong rxPartitionsInitial = new AtomicLong();
    public final AtomicLong rxPartitionsRemaining = new AtomicLong();
    public final AtomicLong recordsTransmitted = new AtomicLong();
    public final AtomicLong recordsReceived = new AtomicLong();
    public final AtomicLong freshPartitions = new AtomicLong();

    public NamespacePartitions(ClusterNamespace namespace, long self) {
        this.namespace = namespace;
        this.self = self;
        for (int pid = 0; pid < states.length; pid++) {
            states[pid] = new PartitionState(pid);
        }
    }

    /** This node's id. */
    public long self() {
        return self;
    }

    public ClusterNamespace namespace() {
        return namespace;
    }

    public PartitionData data() {
        return namespace.data();
    }

    /** The state of one partition; read its fields under the partition's lock. */
    public PartitionState state(int pid) {
        return states[pid];
    }

    public int effectiveReplicationFactor() {
        return effectiveReplicationFactor;
    }

    /** Nodes that hold this namespace in the current view. */
    public int clusterSize() {
        return clusterSize;
    }

    /** A new view was installed: nothing is served until its rebalance. */
    public void suspend() {
        PartitionData data = namespace.data();
        for (PartitionState state : states) {
            data.lock(state.pid);
            try {
                state.ready = false;
            } finally {
                data.unlock(state.pid);
            }
        }
    }

    /** This node's version of every partition, for the exchange, read under each partition's lock. */
    public void versions(long[] keys, byte[] flags) {
        PartitionData data = namespace.data();
        for (PartitionState state : states) {
            data.lock(state.pid);
            try {
                keys[state.pid] = state.versionKey;
                flags[state.pid] = (byte) state.versionFlags;
            } finally {
                data.unlock(state.pid);
            }
        }
    }

    /**
     * Sets the version of every partition that holds data and has none (a restart: the copy is a subset of a
     * lineage only this node knows, so it is merged, never trusted).
     */
    public void adoptRestartedData(long restartKey) {
        PartitionData data = namespace.data();
        for (PartitionState state : states) {
            data.lock(state.pid);
            try {
                if (state.versionKey == PartitionVersion.NONE && data.hasRecords(state.pid)) {
                    state.versionKey = restartKey;
                    state.versionFlags = PartitionVersion.SUBSET;
                }
            } finally {
                data.unlock(state.pid);
            }
        }
    }

    /**
     * Applies the rebalance of view {@code clusterKey}: {@code members} are the namespace's nodes (highest id first),
     * {@code keys[m][pid]} / {@code flags[m][pid]} member m's exchanged versions. Returns the emigrations to start
     * now; the caller drops the partitions listed in {@code toDrop}.
     */
    public List<MigrationTask> rebalance(long clusterKey, long[] members, long[][] keys, byte[][] flags,
            int replicationFactor, int[] rackIds, boolean uniform, List<Integer> toDrop) {
        int replicas = Math.min(replicationFactor, members.length);
        NodeSequence sequence = NodeSequence.compute(members, rackIds, replicas, uniform);
        int selfIndex = NodeIds.indexOf(members, self);
        List<MigrationTask> tasks = new ArrayList<>();
        long[] pidKeys = new long[members.length];
        int[] pidFlags = new int[members.length];
        long emigrations = 0;
        long immigrations = 0;
        long fresh = 0;
        // Partitions become ready one by one, and their migrations may finish before the loop does: count down
        // from zero now and add the totals at the end, so no early completion is lost.
        txPartitionsRemaining.set(0);
        rxPartitionsRemaining.set(0);
        PartitionData data = namespace.data();
        for (PartitionState state : states) {
            for (int m = 0; m < members.length; m++) {
                pidKeys[m] = keys[m][state.pid];
                pidFlags[m] = flags[m][state.pid];
            }
            PartitionPlan plan = PartitionPlan.of(sequence, state.pid, replicas, pidKeys, pidFlags);
            data.lock(state.pid);
            try {
                boolean hadData = PartitionVersion.hasData(state.versionKey);
                Assignment assignment = new Assignment(namespace.name(), state, plan, members, selfIndex, clusterKey,
                        tasks);
                assignment.apply();
                emigrations += state.pendingEmigrations;
                immigrations += state.immigrationSources.length;
                fresh += plan.fresh() ? 1 : 0;
                if (hadData && !PartitionVersion.hasData(state.versionKey)) {
                    toDrop.add(state.pid);
                }
                state.ready = true;
            } finally {
                data.unlock(state.pid);
            }
        }
        effectiveReplicationFactor = replicas;
        clusterSize = members.length;
        txPartitionsInitial.set(emigrations);
        txPartitionsRemaining.addAndGet(emigrations);
        rxPartitionsInitial.set(immigrations);
        rxPartitionsRemaining.addAndGet(immigrations);
        freshPartitions.set(fresh);
        return tasks;
    }

    /** How one partition's plan becomes this node's state (see {@link PartitionPlan} for the rules). */
    private static final class Assignment {
        private final String namespaceName;
        private final PartitionState state;
        private final PartitionPlan plan;
        private final long[] members;
        private final int selfIndex;
        private final long clusterKey;
        private final List<MigrationTask> tasks;

        Assignment(String namespaceName, PartitionState state, PartitionPlan plan, long[] members, int selfIndex,
                long clusterKey, List<MigrationTask> tasks) {
            this.namespaceName = namespaceName;
            this.state = state;
            this.plan = plan;
            this.members = members;
            this.selfIndex = selfIndex;
            this.clusterKey = clusterKey;
            this.tasks = tasks;
        }

        void apply() {
            long[] replicas = new long[plan.replicaCount()];
            for (int position = 0; position < replicas.length; position++) {
                replicas[position] = members[plan.replica(position)];
            }
            state.clusterKey = clusterKey;
            state.replicas = replicas;
            state.selfPosition = plan.positionOf(selfIndex);
            state.duplicates = PartitionState.NO_NODES;
            state.immigrationSources = PartitionState.NO_NODES;
            state.deferredTargets = PartitionState.NO_NODES;
            state.pendingEmigrations = 0;
            state.witnesses = PartitionState.NO_NODES;
            if (plan.fresh() || !plan.migrationsNeeded()) {
                settled();
            } else {
                migrating();
            }
        }

        /** No data moves: the final master serves, replicas hold the final version, others drop theirs. */
        private void settled() {
            int position = state.selfPosition;
            if (position >= 0) {
                state.versionKey = clusterKey;
                state.versionFlags = position == 0 ? PartitionVersion.MASTER : 0;
            } else {
                state.versionKey = PartitionVersion.NONE;
                state.versionFlags = 0;
            }
            state.serving = position == 0;
            state.proxyTarget = state.replicas[0];
        }

        private void migrating() {
            int position = state.selfPosition;
            int workingMaster = plan.workingMaster();
            int[] duplicates = plan.duplicates();
            boolean isWorkingMaster = workingMaster == selfIndex;
            boolean isDuplicate = contains(duplicates, selfIndex);
            advanceVersion(position, isWorkingMaster, isDuplicate, duplicates.length > 0);
            state.serving = isWorkingMaster;
            state.proxyTarget = members[workingMaster];
            if (isWorkingMaster || position == 0) {
                state.duplicates = nodes(duplicates, selfIndex);
            }
            if (position == 0) {
                long[] others = nodes(duplicates, selfIndex);
                state.immigrationSources = isWorkingMaster ? others : prepend(members[workingMaster], others);
            } else if (position > 0 && plan.immigrator(position)) {
                state.immigrationSources = new long[] {state.replicas[0]};
            }
            queueEmigrations(position, isWorkingMaster, isDuplicate);
            if (position == 0) {
                state.witnesses = nonReplicaHolders();
            }
        }

        /** Members other than self that hold data and are no replica: they keep it until the partition settles. */
        private long[] nonReplicaHolders() {
            List<Long> holders = new ArrayList<>();
            for (int m = 0; m < members.length; m++) {
                if (m != selfIndex && plan.positionOf(m) < 0 && plan.hasData(m)) {
                    holders.add(members[m]);
                }
            }
            return holders.stream().mapToLong(Long::longValue).toArray();
        }

        private void advanceVersion(int position, boolean isWorkingMaster, boolean isDuplicate,
                boolean anyDuplicates) {
            if (isWorkingMaster) {
                if (position == 0) {
                    state.versionKey = clusterKey;
                    state.versionFlags = PartitionVersion.MASTER | (anyDuplicates ? PartitionVersion.SUBSET : 0);
                } else {
                    state.versionKey = anyDuplicates ? PartitionVersion.familyKey(clusterKey, 1) : clusterKey;
                    state.versionFlags = PartitionVersion.MASTER;
                }
            } else if (position == 0) {
                state.versionKey = clusterKey;
                state.versionFlags = PartitionVersion.SUBSET;
            } else if (position > 0) {
                state.versionKey = clusterKey;
                state.versionFlags = plan.immigrator(position) ? PartitionVersion.SUBSET : 0;
            } else if (!isDuplicate && PartitionVersion.hasData(state.versionKey)) {
                // A non-replica copy covered by the working master's: kept, as a subset, until the partition settles.
                state.versionKey = clusterKey;
                state.versionFlags = PartitionVersion.SUBSET;
            }
        }

        private void queueEmigrations(int position, boolean isWorkingMaster, boolean isDuplicate) {
            long[] proleImmigrators = proleImmigrators();
            if (position == 0) {
                if (state.immigrationSources.length == 0) {
                    for (long target : proleImmigrators) {
                        tasks.add(new MigrationTask(namespaceName, state.pid, target, clusterKey, false));
                    }
                } else {
                    state.deferredTargets = proleImmigrators;
                }
                state.pendingEmigrations = proleImmigrators.length;
            } else if (isWorkingMaster || isDuplicate) {
                tasks.add(new MigrationTask(namespaceName, state.pid, state.replicas[0], clusterKey, isWorkingMaster));
                state.pendingEmigrations = 1;
            }
        }

        private long[] proleImmigrators() {
            List<Long> targets = new ArrayList<>();
            for (int position = 1; position < plan.replicaCount(); position++) {
                if (plan.immigrator(position)) {
                    targets.add(members[plan.replica(position)]);
                }
            }
            return targets.stream().mapToLong(Long::longValue).toArray();
        }

        private long[] nodes(int[] indices, int except) {
            return java.util.Arrays.stream(indices).filter(i -> i != except).mapToLong(i -> members[i]).toArray();
        }

        private static long[] prepend(long first, long[] rest) {
            long[] all = new long[rest.length + 1];
            all[0] = first;
            System.arraycopy(rest, 0, all, 1, rest.length);
            return all;
        }

        private static boolean contains(int[] values, int value) {
            for (int v : values) {
                if (v == value) {
                    return true;
                }
            }
            return false;
        }
    }
}
