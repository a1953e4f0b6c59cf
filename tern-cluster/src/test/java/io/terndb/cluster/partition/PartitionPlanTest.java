package io.terndb.cluster.partition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rebalance of one partition, case by case (nodes are succession indices of A3, A2, A1). */
class PartitionPlanTest {

    private static final long[] NODES = {0xA3, 0xA2, 0xA1};
    private static final NodeSequence SEQUENCE = NodeSequence.compute(NODES, new int[3], 2, false);
    private static final int FULL = 0;

    /** A partition whose order puts node 0 first (so it is the final master). */
    private static int pidWithMaster(int node) {
        for (int pid = 0; pid < 4096; pid++) {
            if (SEQUENCE.node(pid, 0) == node) {
                return pid;
            }
        }
        throw new AssertionError();
    }

    @Test
    void aPartitionNobodyHoldsIsFresh() {
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, 0, 2, new long[3], new int[3]);
        assertThat(plan.fresh()).isTrue();
        assertThat(plan.migrationsNeeded()).isFalse();
    }

    @Test
    void aNewReplicaImmigratesFromTheWorkingMaster() {
        int pid = pidWithMaster(0);
        int prole = SEQUENCE.node(pid, 1);
        long[] keys = new long[3];
        int[] flags = new int[3];
        keys[0] = 7;
        flags[0] = PartitionVersion.MASTER;
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, pid, 2, keys, flags);
        assertThat(plan.workingMaster()).isZero();
        assertThat(plan.duplicates()).isEmpty();
        assertThat(plan.immigrator(0)).isFalse();
        assertThat(plan.immigrator(1)).isTrue();
        assertThat(plan.replica(1)).isEqualTo(prole);
    }

    @Test
    void theWorkingMasterMovesForwardToAnEarlierFullCopy() {
        int pid = pidWithMaster(0);
        int prole = SEQUENCE.node(pid, 1);
        long[] keys = new long[3];
        int[] flags = new int[3];
        keys[0] = 9;
        keys[prole] = 9;
        flags[0] = FULL;
        flags[prole] = PartitionVersion.MASTER;
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, pid, 2, keys, flags);
        assertThat(plan.workingMaster()).isZero();
        assertThat(plan.migrationsNeeded()).isFalse();
    }

    @Test
    void copiesOfDifferentLineagesAreDuplicatesAndEveryReplicaImmigrates() {
        int pid = pidWithMaster(0);
        long[] keys = {11, 22, 0};
        int[] flags = {PartitionVersion.MASTER, PartitionVersion.MASTER, 0};
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, pid, 2, keys, flags);
        assertThat(plan.duplicates()).hasSize(1);
        assertThat(plan.immigrator(0)).isTrue();
        assertThat(plan.immigrator(1)).isTrue();
    }

    @Test
    void aSubsetCoveredByAFullCopyOfItsLineageIsNoDuplicate() {
        int pid = pidWithMaster(0);
        long[] keys = {5, 5, 0};
        int[] flags = {PartitionVersion.MASTER, PartitionVersion.SUBSET, 0};
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, pid, 2, keys, flags);
        assertThat(plan.duplicates()).isEmpty();
    }

    @Test
    void subsetsWithoutAFullCopyAreAllMerged() {
        int pid = pidWithMaster(0);
        long[] keys = {5, 5, 6};
        int[] flags = {PartitionVersion.SUBSET, PartitionVersion.SUBSET, PartitionVersion.SUBSET};
        PartitionPlan plan = PartitionPlan.of(SEQUENCE, pid, 2, keys, flags);
        assertThat(plan.duplicates()).hasSize(2);
        assertThat(plan.hasData(2)).isTrue();
    }
}
