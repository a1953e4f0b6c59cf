package io.terndb.cluster.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.protocol.PartitionId;
import org.junit.jupiter.api.Test;

class NodeSequenceTest {

    private static final int[] ONE_RACK = new int[8];

    /** Counts, per succession index, how often it stands at {@code position}. */
    private static int[] countAt(NodeSequence sequence, int position) {
        int[] counts = new int[sequence.nodeCount()];
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            counts[sequence.node(pid, position)]++;
        }
        return counts;
    }

    @Test
    void placesPartitionsExactlyAsTheOriginalDoes() {
        // Observed on the original with nodes A1, A2, A3 (cluster-facts): masters 1316 / 1402 / 1378 and first
        // replicas 1454 / 1345 / 1297. The succession list is highest first: A3, A2, A1.
        NodeSequence sequence = NodeSequence.compute(new long[] {0xA3, 0xA2, 0xA1}, new int[3], 2, false);
        assertThat(countAt(sequence, 0)).containsExactly(1378, 1402, 1316);
        assertThat(countAt(sequence, 1)).containsExactly(1297, 1345, 1454);
    }

    @Test
    void survivorsOfALossTakeTheMastersTheOriginalGivesThem() {
        // Observed: after A1 is lost, A2 / A3 master 2095 / 2001 partitions.
        NodeSequence sequence = NodeSequence.compute(new long[] {0xA3, 0xA2}, new int[2], 2, false);
        assertThat(countAt(sequence, 0)).containsExactly(2001, 2095);
    }

    @Test
    void everyRowIsAPermutationOfTheNodes() {
        long[] nodes = new long[12];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = 0xBB9_0000_0000_0000L + nodes.length - i;
        }
        NodeSequence sequence = NodeSequence.compute(nodes, new int[nodes.length], 3, false);
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            boolean[] seen = new boolean[nodes.length];
            for (int position = 0; position < nodes.length; position++) {
                seen[sequence.node(pid, position)] = true;
            }
            assertThat(seen).doesNotContain(false);
        }
    }

    @Test
    void uniformBalanceEvensOutMastersAndReplicas() {
        NodeSequence sequence = NodeSequence.compute(new long[] {0xA3, 0xA2, 0xA1}, new int[3], 2, true);
        for (int count : countAt(sequence, 0)) {
            assertThat(count).isBetween(1364, 1366); // 4096 / 3: masters exact to one
        }
        for (int count : countAt(sequence, 1)) {
            // A node cannot be a partition's prole where it is already its master: within 1% (default: 1297-1454).
            assertThat(count).isBetween(1340, 1380);
        }
    }

    @Test
    void rackAwarenessPutsReplicasOnDifferentRacks() {
        long[] nodes = {0xA6, 0xA5, 0xA4, 0xA3, 0xA2, 0xA1};
        int[] racks = {1, 1, 1, 2, 2, 2};
        NodeSequence sequence = NodeSequence.compute(nodes, racks, 2, false);
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            assertThat(racks[sequence.node(pid, 0)]).isNotEqualTo(racks[sequence.node(pid, 1)]);
        }
        int[] masters = countAt(sequence, 0);
        assertThat(masters).containsExactly(countAt(NodeSequence.compute(nodes, ONE_RACK, 2, false), 0));
    }
}
