package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.Await;
import io.terndb.testkit.NetworkNamespaces;
import io.terndb.testkit.TernCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A split brain: three nodes, each in a network namespace of its own, replication factor 2. One node (the
 * principal) is cut off from the other two for about ten seconds while clients in the root namespace, which still
 * reach all three, write distinct keys: the lone node forms a one-node cluster and serves everything it is sent, the
 * other two form a two-node cluster and serve the rest. After the heal the copies merge: every acknowledged write
 * is there with its value, and each record has exactly two copies.
 *
 * <p>The cut is node-to-node only ({@link NetworkNamespaces#isolate}: packets between the namespaces go nowhere,
 * silently), so the clients keep their connections to every node. The official client keeps the lone node but
 * routes by the partition claims it read last, which are mostly the survivors', so the main client sends the lone
 * node few writes; a second client, forced to the lone node ({@code ClientPolicy.forceSingleNode}), writes there
 * throughout (proxied while the cluster is whole).
 */
class ClusterPartitionTest {

    private static final int WRITERS = 4;
    /** Writers of the client that talks to the lone node only, and the first of their keys. */
    private static final int LONE_WRITERS = 2;
    private static final int LONE_KEYS = 1 << 30;
    /** Keys written once the cluster is whole and stable again. */
    private static final int AFTER_KEYS = 1 << 29;
    private static final int AFTER_RECORDS = 1_000;
    /** Pause after each write: the load is there to be split, not to take the CPU the merge needs. */
    private static final long WRITE_PAUSE_NS = 2_000_000;
    private static final long SPLIT_MS = 10_000;
    /** Writes go on this long after the heal's first view of 3, while the copies merge. */
    private static final long MERGE_WRITES_MS = 2_000;
    private static final String DEVICE_PROPERTY = "tern.it.split-brain.device";

    @TempDir
    Path data;

    /** Writes distinct keys from several threads until stopped; keeps every acknowledged key. */
    private static final class WriteLoad implements AutoCloseable {
        final Queue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
        final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        WriteLoad(AerospikeClient client, int firstKey, int writers) {
            WritePolicy policy = new WritePolicy(client.writePolicyDefault);
            policy.totalTimeout = 2_000;
            policy.socketTimeout = 1_000;
            policy.maxRetries = 2;
            AtomicLong next = new AtomicLong(firstKey);
            for (int t = 0; t < writers; t++) {
                threads.add(Thread.ofPlatform().name("writer-" + firstKey + "-" + t).start(() -> {
                    while (running.get()) {
                        int key = (int) next.getAndIncrement();
                        try {
                            client.put(policy, new Key("test", "split", key), new Bin("k", key),
                                    new Bin("v", "value-" + key));
                            acknowledged.add(key);
                        } catch (AerospikeException e) {
                            failed.incrementAndGet();
                        }
                        LockSupport.parkNanos(WRITE_PAUSE_NS);
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

    private String namespace(String engine, int node) {
        String storage = engine.equals("memory") ? """
                    storage-engine memory {
                        data-size 1G
                    }
                """ : """
                    storage-engine device {
                        file %s
                        filesize 256M
                    }
                """.formatted(data.resolve("node-" + node + ".dat"));
        return """
                namespace test {
                    replication-factor 2
                    default-ttl 0
                    nsup-period 1
                %s}
                """.formatted(storage);
    }

    /**
     * 30-60 s on a 2-core machine shared with other work, most of it the merge (every partition has two lineages to
     * resolve, about 8,000 migrations per node); the device variant takes as long again, so it runs only with
     * {@code -D}{@value #DEVICE_PROPERTY}{@code =true}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "device"})
    @Timeout(120)
    void everyAcknowledgedWriteSurvivesASplitBrainAndEachRecordEndsWithTwoCopies(String engine)
            throws InterruptedException {
        Optional<String> unavailable = NetworkNamespaces.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no network namespaces: " + unavailable.orElseThrow());
        assumeTrue(engine.equals("memory") || Boolean.getBoolean(DEVICE_PROPERTY),
                () -> "the device variant runs with -D" + DEVICE_PROPERTY + "=true");
        try (NetworkNamespaces hosts = NetworkNamespaces.create(3);
                TernCluster cluster = TernCluster.builder().nodes(3).networkNamespaces(hosts)
                        .namespace(node -> namespace(engine, node)).start()) {
            cluster.awaitStable(3, Duration.ofSeconds(30));
            List<String> ids = new ArrayList<>();
            for (int node = 0; node < 3; node++) {
                ids.add(cluster.node(node).info("node").get("node"));
            }
            assertThat(new HashSet<>(ids)).as("node ids %s", ids).hasSize(3);
            // Cut off the principal: the survivors must elect a new one.
            String principal = ClusterInfo.statistics(cluster.node(0)).get("cluster_principal");
            int lone = ids.indexOf(principal);
            assertThat(lone).as("node of principal %s among %s", principal, ids).isNotNegative();
            int[] survivors = {(lone + 1) % 3, (lone + 2) % 3};

            try (AerospikeClient client = connect(cluster);
                    AerospikeClient loneClient = connectTo(cluster, lone)) {
                assertThat(client.getNodes()).hasSize(3);
                WriteLoad load = new WriteLoad(client, 0, WRITERS);
                WriteLoad loneLoad = new WriteLoad(loneClient, LONE_KEYS, LONE_WRITERS);
                try {
                    Thread.sleep(1_500);

                    long cutNs = System.nanoTime();
                    hosts.isolate(lone);
                    Await.until("survivors see a cluster of 2", Duration.ofSeconds(10),
                            () -> clusterSize(cluster, survivors[0]) == 2 && clusterSize(cluster, survivors[1]) == 2);
                    long survivorsViewMs = msSince(cutNs);
                    Await.until("the lone node sees a cluster of 1", Duration.ofSeconds(10),
                            () -> clusterSize(cluster, lone) == 1);
                    long loneViewMs = msSince(cutNs);
                    long loneWritesBefore = writes(cluster, lone);
                    long loneClientBefore = loneLoad.acknowledged.size();
                    long survivorWritesBefore = writes(cluster, survivors[0]) + writes(cluster, survivors[1]);

                    Thread.sleep(Math.max(0, SPLIT_MS - msSince(cutNs)));
                    int clientNodesInSplit = client.getNodes().length;
                    assertThat(clusterSize(cluster, lone)).as("lone node's cluster_size before the heal").isEqualTo(1);
                    for (int survivor : survivors) {
                        assertThat(clusterSize(cluster, survivor)).as("node %d's cluster_size before the heal",
                                survivor).isEqualTo(2);
                    }
                    long loneWrites = writes(cluster, lone) - loneWritesBefore;
                    long loneClientWrites = loneLoad.acknowledged.size() - loneClientBefore;
                    long survivorWrites = writes(cluster, survivors[0]) + writes(cluster, survivors[1])
                            - survivorWritesBefore;

                    long healNs = System.nanoTime();
                    hosts.heal();
                    Await.until("every node sees a cluster of 3", Duration.ofSeconds(30),
                            () -> clusterSize(cluster, 0) == 3 && clusterSize(cluster, 1) == 3
                                    && clusterSize(cluster, 2) == 3);
                    long mergedViewMs = msSince(healNs);
                    Thread.sleep(MERGE_WRITES_MS);
                    load.close();
                    loneLoad.close();
                    cluster.awaitStable(3, Duration.ofSeconds(60));
                    long stableMs = msSince(healNs);

                    System.out.printf("split brain (%s): isolated node %d (principal %s) for %d ms; survivors' view"
                            + " of 2 after %d ms, lone node's view of 1 after %d ms; the main client knew %d nodes"
                            + " at the end of the split; writes in the split: %d by the lone node (%d of them from its"
                            + " own client), %d by the survivors; after the heal: a view of 3 in %d ms, stable (1 s"
                            + " confirmed) in %d ms%n", engine, lone, principal, (healNs - cutNs) / 1_000_000,
                            survivorsViewMs, loneViewMs, clientNodesInSplit, loneWrites, loneClientWrites,
                            survivorWrites, mergedViewMs, stableMs);
                    assertThat(loneWrites).as("writes the lone node took in the split").isPositive();
                    assertThat(survivorWrites).as("writes the survivors took in the split").isPositive();
                } finally {
                    load.close();
                    loneLoad.close();
                }

                List<Integer> acknowledged = new ArrayList<>(load.acknowledged);
                acknowledged.addAll(loneLoad.acknowledged);
                // The merge migrates every partition again, which would hide lost replica writes made before it:
                // writes to the healed cluster must get their second copy the ordinary way.
                for (int key = AFTER_KEYS; key < AFTER_KEYS + AFTER_RECORDS; key++) {
                    client.put(null, new Key("test", "split", key), new Bin("k", key), new Bin("v", "value-" + key));
                    acknowledged.add(key);
                }
                assertThat(load.acknowledged).hasSizeGreaterThan(1_000);
                assertThat(loneLoad.acknowledged).hasSizeGreaterThan(100);
                assertAllPresent(client, acknowledged);
                AtomicLong stored = new AtomicLong();
                client.scanAll(null, "test", "split", (key, record) -> stored.incrementAndGet());
                long objects = 0;
                for (int node = 0; node < 3; node++) {
                    objects += ClusterInfo.objects(cluster.node(node), "test");
                }
                System.out.printf("split brain (%s): %d writes acknowledged (%d through the lone node's client),"
                        + " %d failed (%d); %d records stored, %d objects on 3 nodes; every acknowledged write"
                        + " read back%n", engine, acknowledged.size(), loneLoad.acknowledged.size(),
                        load.failed.get() + loneLoad.failed.get(), loneLoad.failed.get(), stored.get(), objects);
                assertThat(stored.get()).as("records stored").isGreaterThanOrEqualTo(acknowledged.size());
                assertThat(objects).as("copies once the merge is done").isEqualTo(2L * stored.get());
            }
        }
    }

    /** Reads every key back in batches: each must be there with the value written. */
    private static void assertAllPresent(AerospikeClient client, List<Integer> acknowledged) {
        for (int from = 0; from < acknowledged.size(); from += 1_000) {
            List<Integer> chunk = acknowledged.subList(from, Math.min(acknowledged.size(), from + 1_000));
            Key[] keys = chunk.stream().map(key -> new Key("test", "split", key)).toArray(Key[]::new);
            Record[] records = client.get(null, keys);
            for (int i = 0; i < keys.length; i++) {
                int key = chunk.get(i);
                assertThat(records[i]).as("acknowledged key %d", key).isNotNull();
                assertThat(records[i].getInt("k")).as("key %d", key).isEqualTo(key);
                assertThat(records[i].getString("v")).as("key %d", key).isEqualTo("value-" + key);
            }
        }
    }

    /** A client that sends everything to node {@code node} (which proxies what it does not serve). */
    private static AerospikeClient connectTo(TernCluster cluster, int node) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5_000;
        policy.failIfNotConnected = true;
        policy.forceSingleNode = true;
        return new AerospikeClient(policy, new Host(cluster.host(node), cluster.node(node).port()));
    }

    private static long msSince(long startNs) {
        return (System.nanoTime() - startNs) / 1_000_000;
    }

    /** Writes node {@code node} applied for clients (as the serving node). */
    private static long writes(TernCluster cluster, int node) {
        return Long.parseLong(ClusterInfo.namespace(cluster.node(node), "test").get("client_write_success"));
    }

    private static AerospikeClient connect(TernCluster cluster) {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5_000;
        policy.failIfNotConnected = true;
        Host[] seeds = new Host[cluster.size()];
        for (int node = 0; node < seeds.length; node++) {
            seeds[node] = new Host(cluster.host(node), cluster.node(node).port());
        }
        return new AerospikeClient(policy, seeds);
    }

    private static int clusterSize(TernCluster cluster, int node) {
        try {
            return Integer.parseInt(ClusterInfo.statistics(cluster.node(node)).get("cluster_size"));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
