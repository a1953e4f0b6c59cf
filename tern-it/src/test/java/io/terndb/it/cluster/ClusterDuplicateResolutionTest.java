package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Partitions;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.ReadModeAP;
import io.terndb.it.TernServerExtension;
import io.terndb.protocol.PartitionId;
import io.terndb.testkit.Await;
import io.terndb.testkit.TernCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Duplicate resolution, held still: with migrations paused ({@code migrate-threads 0}), two nodes that each took
 * writes of one record while the other was down (generation 2 on node 0, generation 1 on node 1) keep their copies
 * apart after they meet again. A read with read mode
 * AP ALL, and every write, consult both copies and act on the newest; a read with mode ONE answers from the working
 * master's copy alone, as the original's does.
 */
class ClusterDuplicateResolutionTest {

    private static final int KEYS = 64;

    @TempDir
    Path directory;

    private TernCluster.Builder cluster() {
        return TernCluster.builder().nodes(2).migrateThreads(0).namespace(index -> """
                namespace test {
                    replication-factor 2
                    nsup-period 0
                    storage-engine device {
                        file %s
                        filesize 128M
                    }
                }
                """.formatted(directory.resolve("node" + index).resolve("test.dat")));
    }

    private static AerospikeClient connect(TernCluster cluster, int node) {
        ClientPolicy policy = TernServerExtension.patientClientPolicy();
        return new AerospikeClient(policy, "127.0.0.1", cluster.node(node).port());
    }

    private static boolean mapsEveryPartition(AerospikeClient client) {
        Partitions partitions = client.getCluster().partitionMap.get("test");
        if (partitions == null) {
            return false;
        }
        for (int partition = 0; partition < PartitionId.COUNT; partition++) {
            if (partitions.replicas[0].get(partition) == null) {
                return false;
            }
        }
        return true;
    }

    private static Key key(int index) {
        return new Key("test", "duplicates", index);
    }

    /**
     * Every key is written twice on node 0 alone and once on node 1 alone, so whichever node works as the master of
     * its partition, a read that consults only that node sees generation 2 or generation 1, and only duplicate
     * resolution gives generation 2 everywhere.
     */
    @Test
    void readsWithReadModeAllAndEveryWriteSeeTheNewestCopy() {
        Key onlyOnB = new Key("test", "duplicates", "b");
        try (TernCluster nodes = cluster().startFirst(1)) {
            nodes.awaitStable(1, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(nodes, 0)) {
                for (int i = 0; i < KEYS; i++) {
                    client.put(null, key(i), new Bin("v", "v1"));
                    client.put(null, key(i), new Bin("v", "v2")); // generation 2, on node 0 only
                }
            }
            nodes.stop(0);
            nodes.start(1);
            nodes.awaitStable(1, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(nodes, 1)) {
                assertThat(client.get(null, key(0))).as("node 1 never saw the record").isNull();
                for (int i = 0; i < KEYS; i++) {
                    client.put(null, key(i), new Bin("v", "w1")); // generation 1, on node 1 only
                }
                client.put(null, onlyOnB, new Bin("v", "b"));
            }
            nodes.start(0);
            // The two copies cannot migrate: wait for the view of two (never stable: migrations stay pending).
            Await.until("a view of two", Duration.ofSeconds(30), () -> "2".equals(ClusterInfo.statistics(
                    nodes.node(0)).get("cluster_size")) && "2".equals(ClusterInfo.statistics(nodes.node(1))
                    .get("cluster_size")) && ClusterInfo.statistics(nodes.node(0)).get("cluster_key")
                    .equals(ClusterInfo.statistics(nodes.node(1)).get("cluster_key")));
            try (AerospikeClient client = connect(nodes, 0)) {
                Await.until("the client sees both nodes", Duration.ofSeconds(10), () -> client.getNodes().length == 2);
                // The nodes claim their partitions as each rebalances; a client that tended between the two has a
                // gap in its map until its next tend.
                Await.until("every partition has a master in the client's map", Duration.ofSeconds(10),
                        () -> mapsEveryPartition(client));
                Policy one = new Policy(client.readPolicyDefault);
                Policy all = new Policy(client.readPolicyDefault);
                all.readModeAP = ReadModeAP.ALL;
                int olderCopies = 0;
                for (int i = 0; i < KEYS; i++) {
                    if ("w1".equals(client.get(one, key(i)).getString("v"))) {
                        olderCopies++;
                    }
                    Record resolved = client.get(all, key(i));
                    assertThat(resolved.getString("v")).as("read mode ALL resolves key %d", i).isEqualTo("v2");
                    assertThat(resolved.generation).isEqualTo(2);
                }
                // Which node works as master depends on whether node 0 formed a cluster alone before it met node 1
                // (then both copies carry versions); either way some keys must be served from the older copy, or
                // the reads with mode ALL above would prove nothing.
                assertThat(olderCopies).as("keys whose working master holds the older copy (read mode ONE)")
                        .isPositive();
                assertThat(client.get(one, onlyOnB).getString("v")).isEqualTo("b");
                for (int i = 0; i < KEYS; i++) {
                    client.put(null, key(i), new Bin("v", "v3"));
                    Record written = client.get(one, key(i));
                    assertThat(written.getString("v")).isEqualTo("v3");
                    assertThat(written.generation).as("a write builds on the newest copy's generation").isEqualTo(3);
                }
            }
        }
    }
}
