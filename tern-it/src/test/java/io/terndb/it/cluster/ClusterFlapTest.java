package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.TernCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One node restarted ten times in a minute: the others hold it back once it flaps, so their number of views stays
 * bounded, and writes go on throughout.
 */
class ClusterFlapTest {

    @Test
    void aNodeRestartedTenTimesInAMinuteCausesABoundedNumberOfViews() throws InterruptedException {
        try (TernCluster cluster = TernCluster.builder().nodes(3).start()) {
            cluster.awaitStable(3, Duration.ofSeconds(30));
            long viewsBefore = views(cluster, 0);
            ClientPolicy clientPolicy = new ClientPolicy();
            clientPolicy.timeout = 5_000;
            try (AerospikeClient client = new AerospikeClient(clientPolicy, "127.0.0.1", cluster.node(0).port())) {
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong written = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                Thread writer = Thread.ofPlatform().start(() -> {
                    WritePolicy policy = new WritePolicy();
                    policy.totalTimeout = 2_000;
                    policy.maxRetries = 2;
                    for (int i = 0; running.get(); i++) {
                        try {
                            client.put(policy, new Key("test", "flap", i), new Bin("i", i));
                            written.incrementAndGet();
                        } catch (AerospikeException e) {
                            failed.incrementAndGet();
                        }
                    }
                });
                long startNs = System.nanoTime();
                long[] writtenAt = new long[11];
                for (int restart = 0; restart < 10; restart++) {
                    writtenAt[restart] = written.get();
                    cluster.kill(2);
                    Thread.sleep(500);
                    cluster.start(2);
                    Thread.sleep(2_000);
                }
                writtenAt[10] = written.get();
                long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
                running.set(false);
                writer.join();
                long views = views(cluster, 0) - viewsBefore;
                System.out.println("10 restarts in " + elapsedMs + " ms: " + views + " views on node 0, "
                        + written.get() + " writes, " + failed.get() + " failed");
                assertThat(elapsedMs).isLessThan(60_000);
                assertThat(views).as("views caused by 10 restarts (20 without damping)").isLessThanOrEqualTo(10);
                for (int restart = 0; restart < 10; restart++) {
                    assertThat(writtenAt[restart + 1]).as("writes went on during restart %d", restart)
                            .isGreaterThan(writtenAt[restart]);
                }
            }
        }
    }

    private static long views(TernCluster cluster, int node) {
        return Long.parseLong(ClusterInfo.statistics(cluster.node(node)).get("cluster_views"));
    }
}
