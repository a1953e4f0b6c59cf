package io.terndb.client.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.ClientConfig;
import io.terndb.client.Replica;
import io.terndb.client.TernException;
import io.terndb.client.internal.metrics.Metrics;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;

/** Tending driven by scripted info replies: discovery, partition maps, arrivals, departures (reference §2.2). */
class TendingTest {

    private static final IntPredicate ALL = id -> true;
    private static final IntPredicate NONE = id -> false;
    private static final IntPredicate EVEN = id -> id % 2 == 0;
    private static final IntPredicate ODD = id -> id % 2 == 1;

    private final ScriptedInfo info = new ScriptedInfo();

    private Cluster cluster(ScriptedInfo.FakeNode seed, String clusterName) {
        ClientConfig config = ClientConfig.builder().seed(seed.host).clusterName(clusterName).build();
        return new Cluster(config, info, new Metrics());
    }

    private static List<String> names(Cluster cluster) {
        return cluster.nodes().stream().map(Node::name).toList();
    }

    private static String owner(Cluster cluster, int partitionId, int replica) {
        Node node = cluster.partitions().node("test", partitionId, Replica.MASTER, 0, false, 0);
        if (replica > 0) {
            node = cluster.partitions().node("test", partitionId, Replica.SEQUENCE, replica, false, 0);
        }
        return node == null ? null : node.name();
    }

    @Test
    void seedDiscoversItsPeersAndTheirPartitionClaims() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", EVEN, ODD);
        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", ODD, EVEN);
        a.peers(b);
        b.peers(a);
        Cluster cluster = cluster(a, null);

        cluster.tend();

        assertThat(names(cluster)).containsExactly("A", "B");
        assertThat(owner(cluster, 0, 0)).isEqualTo("A");
        assertThat(owner(cluster, 1, 0)).isEqualTo("B");
        assertThat(owner(cluster, 0, 1)).isEqualTo("B");
        assertThat(cluster.partitions().replicaCount("test")).isEqualTo(2);
    }

    @Test
    void unchangedGenerationsFetchNothingMore() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        Cluster cluster = cluster(a, null);
        cluster.tend();
        info.requests.clear();

        cluster.tend();

        assertThat(info.requests).containsExactly("4001:node,peers-generation,partition-generation");
    }

    @Test
    void joiningNodeIsAddedAndTakesOverItsPartitions() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        Cluster cluster = cluster(a, null);
        cluster.tend();
        assertThat(owner(cluster, 1, 0)).isEqualTo("A");

        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", ODD);
        a.peers(b);
        b.peers(a);
        a.claims("test", EVEN);
        cluster.tend();

        assertThat(names(cluster)).containsExactly("A", "B");
        assertThat(owner(cluster, 1, 0)).isEqualTo("B");
        assertThat(owner(cluster, 2, 0)).isEqualTo("A");
    }

    /**
     * A joining node is listed as a peer (its view is installed) before it has rebalanced, and answers
     * partition-generation -1 until then: the client must ask again at the next tend rather than forget it until the
     * peers generation moves again (on a real cluster it found a node added later only at the next view change).
     */
    @Test
    void peerThatCannotBeValidatedYetIsAddedAtALaterTend() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        Cluster cluster = cluster(a, null);
        cluster.tend();

        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", NONE);
        b.partitionGeneration = -1; // not rebalanced yet
        a.peers(b);
        b.peers(a);
        cluster.tend();
        assertThat(names(cluster)).containsExactly("A");

        b.claims("test", ODD);
        b.partitionGeneration = 1; // rebalanced; A's peers generation does not move again
        a.claims("test", EVEN);
        cluster.tend();

        assertThat(names(cluster)).containsExactly("A", "B");
        assertThat(owner(cluster, 1, 0)).isEqualTo("B");
        assertThat(owner(cluster, 2, 0)).isEqualTo("A");
    }

    @Test
    void nodeThatStopsAnsweringAndIsNoLongerAPeerIsRemovedAndItsPartitionsRerouted() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", EVEN, ODD);
        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", ODD, EVEN);
        a.peers(b);
        b.peers(a);
        Cluster cluster = cluster(a, null);
        cluster.tend();
        Node nodeB = cluster.nodes().get(1);

        b.alive = false;
        a.peers();
        cluster.tend();

        assertThat(names(cluster)).containsExactly("A");
        assertThat(nodeB.isActive()).isFalse();
        // before A claims B's partitions, the sequence policy already routes them to A, the replica
        assertThat(owner(cluster, 1, 0)).isNull();
        assertThat(cluster.node("test", 1, Replica.SEQUENCE, 0, false).name()).isEqualTo("A");

        a.claims("test", ALL, NONE);
        cluster.tend();
        assertThat(owner(cluster, 1, 0)).isEqualTo("A");
    }

    @Test
    void singleNodeIsDroppedAfterRepeatedFailuresAndFoundAgainFromTheSeeds() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        Cluster cluster = cluster(a, null);
        cluster.tend();

        a.alive = false;
        for (int i = 0; i < Cluster.FAILURES_MAX - 1; i++) {
            cluster.tend();
            assertThat(names(cluster)).containsExactly("A");
        }
        cluster.tend();
        assertThat(names(cluster)).isEmpty();
        assertThat(cluster.partitions().node("test", 0, Replica.MASTER, 0, false, 0)).isNull();

        a.alive = true;
        cluster.tend();
        assertThat(names(cluster)).containsExactly("A");
        assertThat(owner(cluster, 0, 0)).isEqualTo("A");
    }

    @Test
    void nodeDisplacedFromAPartitionResendsItsMap() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", NONE);
        a.peers(b);
        b.peers(a);
        Cluster cluster = cluster(a, null);
        cluster.tend();
        info.requests.clear();

        b.claims("test", id -> id == 7);
        a.replicas.put("test", List.of(ScriptedInfo.bitmap(id -> id != 7))); // A lost 7 but kept its generation
        cluster.tend();

        assertThat(owner(cluster, 7, 0)).isEqualTo("B");
        assertThat(info.requests).contains("4001:partition-generation,replicas");
    }

    @Test
    void nodeAnsweringWithAnotherNameIsDropped() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        Cluster cluster = cluster(a, null);
        cluster.tend();

        a.name = "A2";
        cluster.tend();

        assertThat(names(cluster)).isEmpty();
    }

    @Test
    void seedOfAnotherClusterIsRefused() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL);
        a.clusterName = "other";
        Cluster cluster = cluster(a, "mine");

        assertThatThrownBy(cluster::start).isInstanceOf(TernException.class).hasMessageContaining("no seed answered");
    }

    @Test
    void anyReplicaSpreadsReadsButNotWrites() {
        ScriptedInfo.FakeNode a = info.add("A", 4001).claims("test", ALL, NONE);
        ScriptedInfo.FakeNode b = info.add("B", 4002).claims("test", NONE, ALL);
        a.peers(b);
        b.peers(a);
        Cluster cluster = cluster(a, null);
        cluster.tend();

        java.util.Set<String> readers = new java.util.HashSet<>();
        for (int i = 0; i < 4; i++) {
            readers.add(cluster.node("test", 5, Replica.ANY, 0, false).name());
            assertThat(cluster.node("test", 5, Replica.ANY, 0, true).name()).isEqualTo("A");
        }
        assertThat(readers).containsExactlyInAnyOrder("A", "B");
    }
}
