package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.TernCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Nodes die and come back under a write load of distinct keys at replication factor 2: every write the client
 * was told succeeded is still there afterwards, and the cluster ends with two copies of each.
 */
class ClusterFailoverTest {

    private static final int WRITERS = 8;

    /** Writes distinct keys from several threads until stopped; keeps every acknowledged key. */
    private static final class WriteLoad implements AutoCloseable {
        final Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        WriteLoad(AerospikeClient client) {
            WritePolicy policy = new WritePolicy(client.writePolicyDefault);
            policy.totalTimeout = 2_000;
            policy.socketTimeout = 1_000;
            policy.maxRetries = 2;
            AtomicLong next = new AtomicLong();
            for (int t = 0; t < WRITERS; t++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (running.get()) {
                        int key = (int) next.getAndIncrement();
                        try {
                            client.put(policy, new Key("test", "load", key), new Bin("k", key));
                            acknowledged.add(key);
                        } catch (AerospikeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }

    private static AerospikeClient connect(TernCluster cluster) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5_000;
        policy.failIfNotConnected = true;
        return new AerospikeClient(policy, "127.0.0.1", cluster.node(0).port());
    }

    private static void assertAllPresent(AerospikeClient client, Queue<Integer> keys) {
        for (int key : keys) {
            Record record = client.get(null, new Key("test", "load", key));
            assertThat(record).as("acknowledged key %d", key).isNotNull();
            assertThat(record.getInt("k")).isEqualTo(key);
        }
    }

    @Test
    void noAcknowledgedWriteIsLostWhenANodeIsKilledAndComesBack() throws InterruptedException {
        try (TernCluster cluster = TernCluster.builder().nodes(3).start()) {
            cluster.awaitStable(3, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(cluster)) {
                WriteLoad load = new WriteLoad(client);
                Thread.sleep(1_500);
                cluster.kill(2);
                Thread.sleep(4_000);
                cluster.start(2);
                Thread.sleep(1_500);
                load.close();
                cluster.awaitStable(3, Duration.ofSeconds(60));
                assertThat(load.acknowledged).hasSizeGreaterThan(1_000);
                assertAllPresent(client, load.acknowledged);
                long objects = 0;
                for (int node = 0; node < 3; node++) {
                    objects += ClusterInfo.objects(cluster.node(node), "test");
                }
                assertThat(objects).as("copies once migrations are done").isEqualTo(2L * countStored(client, load));
                System.out.println("kill and restart under load: " + load.acknowledged.size()
                        + " writes acknowledged, " + load.failed.get() + " failed, all present");
            }
        }
    }

    /** Records of the load set now stored (acknowledged ones plus any in-doubt write that did land). */
    private static long countStored(AerospikeClient client, WriteLoad load) {
        AtomicLong stored = new AtomicLong();
        client.scanAll(null, "test", "load", (key, record) -> stored.incrementAndGet());
        return stored.get();
    }

    @Test
    void aJoiningNodeTakesItsShareAndNothingIsLost() throws InterruptedException {
        try (TernCluster cluster = TernCluster.builder().nodes(3).start()) {
            cluster.stop(2);
            cluster.awaitStable(2, Duration.ofSeconds(30));
            try (AerospikeClient client = connect(cluster)) {
                int records = 6_000;
                for (int i = 0; i < records; i++) {
                    client.put(null, new Key("test", "join", i), new Bin("i", i));
                }
                cluster.start(2);
                cluster.awaitStable(3, Duration.ofSeconds(60));
                long received = Long.parseLong(ClusterInfo.namespace(cluster.node(2), "test")
                        .get("migrate_records_received"));
                // The new node holds about 2/3 of the copies' partitions: 2 copies x 1/3 of the records.
                assertThat(received).isBetween(records * 2L / 3 * 8 / 10, records * 2L / 3 * 12 / 10);
                for (int i = 0; i < records; i++) {
                    assertThat(client.get(null, new Key("test", "join", i))).as("record %d", i).isNotNull();
                }
                long objects = 0;
                for (int node = 0; node < 3; node++) {
                    objects += ClusterInfo.objects(cluster.node(node), "test");
                }
                assertThat(objects).isEqualTo(2L * records);
            }
        }
    }
}
