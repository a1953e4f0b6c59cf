package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.testkit.TernCluster;
import io.terndb.testkit.TernServerProcess;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Three node processes on loopback find each other from their seeds and agree on one view and one master each. */
class ClusterFormationTest {

    @Test
    void threeNodesFormOneClusterWithOneMasterPerPartition() {
        try (TernCluster cluster = TernCluster.builder().nodes(3).start()) {
            long startedNs = System.nanoTime();
            String key = cluster.awaitStable(3, Duration.ofSeconds(30));
            long formedMs = (System.nanoTime() - startedNs) / 1_000_000;
            Set<String> names = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                TernServerProcess node = cluster.node(i);
                Map<String, String> statistics = ClusterInfo.statistics(node);
                assertThat(statistics).containsEntry("cluster_size", "3").containsEntry("cluster_key", key)
                        .containsEntry("cluster_integrity", "true").containsEntry("migrate_partitions_remaining", "0");
                names.add(node.info("node").get("node"));
                String peers = node.info("peers-clear-std").get("peers-clear-std");
                for (int other = 0; other < 3; other++) {
                    if (other != i) {
                        assertThat(peers).contains("127.0.0.1:" + cluster.servicePorts().get(other));
                    }
                }
                assertThat(peers).doesNotContain("127.0.0.1:" + node.port());
            }
            assertThat(names).hasSize(3);
            for (int column = 0; column < 2; column++) {
                int[] owners = new int[4096];
                for (int i = 0; i < 3; i++) {
                    boolean[] claims = ClusterInfo.claims(cluster.node(i), "test", column);
                    for (int pid = 0; pid < 4096; pid++) {
                        owners[pid] += claims[pid] ? 1 : 0;
                    }
                }
                assertThat(owners).as("owners of each partition in replica column %d", column).containsOnly(1);
            }
            System.out.println("3-node cluster stable " + formedMs + " ms after its processes were started");
        }
    }
}
