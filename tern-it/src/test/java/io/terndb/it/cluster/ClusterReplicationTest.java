package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.cluster.Partition;
import com.aerospike.client.policy.CommitLevel;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.it.TernServerExtension;
import io.terndb.testkit.Await;
import io.terndb.testkit.TernCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication as a client sees it on two nodes: deletes and durable deletes reach the replica (the survivor of the
 * master's death answers "not found", never a resurrected record), and the commit level decides whether a write
 * waits for its replica (a frozen replica holds back commit-level-all writes but not commit-level-master ones, nor
 * writes to a namespace with {@code write-commit-level-override master}).
 */
class ClusterReplicationTest {

    private static final int KEYS = 400;

    @TempDir
    Path directory;

    private TernCluster.Builder cluster(int heartbeatTimeouts) {
        return TernCluster.builder().nodes(2).heartbeat(150, heartbeatTimeouts).namespace(index -> """
                namespace test {
                    replication-factor 2
                    nsup-period 0
                    storage-engine device {
                        file %s
                        filesize 128M
                    }
                }
                namespace fast {
                    replication-factor 2
                    write-commit-level-override master
                    storage-engine memory {
                        data-size 512M
                    }
                }
                """.formatted(directory.resolve("node" + index).resolve("test.dat")));
    }

    private static AerospikeClient connect(TernCluster cluster, int node) {
        return new AerospikeClient(TernServerExtension.patientClientPolicy(), "127.0.0.1", cluster.node(node).port());
    }

    @Test
    void deletesAndDurableDeletesReachTheReplica() {
        try (TernCluster nodes = cluster(10).start()) {
            nodes.awaitStable(2, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(nodes, 1)) {
                for (int i = 0; i < KEYS; i++) {
                    client.put(null, new Key("test", "deletes", i), new Bin("i", i));
                }
                assertThat(objects(nodes)).as("two copies of every record").isEqualTo(2L * KEYS);
                WritePolicy durable = new WritePolicy(client.writePolicyDefault);
                durable.durableDelete = true;
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.delete(i % 2 == 0 ? null : durable, new Key("test", "deletes", i))).isTrue();
                }
                assertThat(objects(nodes)).as("no copy left on either node").isZero();
                // Every delete on a device namespace writes a tombstone (so a cold start never revives the record),
                // durable or not: two per key, one on each node.
                assertThat(tombstones(nodes)).as("a tombstone on both nodes for every delete").isEqualTo(2L * KEYS);
            }
            nodes.kill(0);
            nodes.awaitStable(1, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(nodes, 1)) {
                for (int i = 0; i < KEYS; i++) {
                    assertThat(client.get(null, new Key("test", "deletes", i))).as("key %d on the survivor", i)
                            .isNull();
                }
            }
        }
    }

    @Test
    void aFrozenReplicaHoldsBackOnlyCommitLevelAllWrites() throws Exception {
        // A heartbeat timeout of 6 s keeps the frozen node in the view for the whole check.
        try (TernCluster nodes = cluster(40).start()) {
            nodes.awaitStable(2, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(nodes, 0)) {
                boolean[] mastered = ClusterInfo.claims(nodes.node(0), "test", 0);
                List<Integer> keys = keysMasteredBy(mastered, "test", 20);
                boolean[] masteredFast = ClusterInfo.claims(nodes.node(0), "fast", 0);
                List<Integer> fastKeys = keysMasteredBy(masteredFast, "fast", 20);
                WritePolicy all = quick(client, CommitLevel.COMMIT_ALL);
                WritePolicy master = quick(client, CommitLevel.COMMIT_MASTER);
                signal(nodes.node(1).pid(), "STOP");
                try {
                    for (int key : keys) {
                        client.put(master, new Key("test", "levels", key), new Bin("v", key));
                    }
                    for (int key : fastKeys) {
                        client.put(all, new Key("fast", "levels", key), new Bin("v", key));
                    }
                    assertThatThrownBy(() -> client.put(all, new Key("test", "levels", keys.get(0)),
                            new Bin("v", -1)))
                            .as("a commit-level-all write waits for its frozen replica")
                            .isInstanceOfSatisfying(AerospikeException.class, e -> assertThat(e.getResultCode())
                                    .isEqualTo(com.aerospike.client.ResultCode.TIMEOUT));
                } finally {
                    signal(nodes.node(1).pid(), "CONT");
                }
            }
            Await.until("the replica has every write", Duration.ofSeconds(10),
                    () -> ClusterInfo.objects(nodes.node(1), "test") == 20
                            && ClusterInfo.objects(nodes.node(1), "fast") == 20);
        }
    }

    private static WritePolicy quick(AerospikeClient client, CommitLevel level) {
        WritePolicy policy = new WritePolicy(client.writePolicyDefault);
        policy.commitLevel = level;
        policy.totalTimeout = 500;
        policy.socketTimeout = 500;
        policy.maxRetries = 0;
        return policy;
    }

    private static List<Integer> keysMasteredBy(boolean[] mastered, String namespace, int count) {
        List<Integer> keys = new ArrayList<>();
        for (int i = 0; keys.size() < count; i++) {
            if (mastered[Partition.getPartitionId(new Key(namespace, "levels", i).digest)]) {
                keys.add(i);
            }
        }
        return keys;
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -%s %d", signal, pid).isZero();
    }

    private static long objects(TernCluster nodes) {
        return ClusterInfo.objects(nodes.node(0), "test") + ClusterInfo.objects(nodes.node(1), "test");
    }

    private static long tombstones(TernCluster nodes) {
        long total = 0;
        for (int node = 0; node < 2; node++) {
            total += Long.parseLong(ClusterInfo.namespace(nodes.node(node), "test").get("tombstones"));
        }
        return total;
    }
}
