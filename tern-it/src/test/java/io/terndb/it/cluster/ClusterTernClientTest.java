package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.ClientConfig;
import io.terndb.client.ClientMetrics;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.Replica;
import io.terndb.client.TernClient;
import io.terndb.client.TernException;
import io.terndb.client.WritePolicy;
import io.terndb.testkit.Await;
import io.terndb.testkit.TernCluster;
import io.terndb.testkit.TernServerProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Our own client ({@code tern-client}, sync and async) on a real cluster: seeded with one node it finds the others;
 * every write goes to its partition's master, counted there once and proxied by nobody (the servers' per-node
 * {@code client_write_success} and {@code proxy_forwarded}/{@code proxy_served} say so, and so do the client's own
 * per-node command counts); replica reads reach proles; after a node is killed the client re-routes within a few
 * tend intervals (the window of errors is printed); a node added later is discovered and takes its share.
 *
 * <p>The tests run in order on one cluster of four node slots: nodes 0-2 first, node 2 killed under sync writes,
 * node 3 added, node 1 killed under async writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTernClientTest {

    private static final String NAMESPACE = "test";
    private static final Duration TEND = Duration.ofMillis(250);
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final int KEYS = 3_000;
    /** Writes during a failover give up after this, so an attempt at a dead node does not hide the window. */
    private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(1);
    /** A client that re-routes within a few tends: errors end this soon after the cluster is stable again. */
    private static final Duration REROUTE_BOUND = Duration.ofMillis(8 * TEND.toMillis());

    private static final Policy ANY = Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).maxRetries(0)
            .replica(Replica.ANY).build();

    private static TernCluster cluster;
    private static TernClient client;

    @BeforeAll
    static void start() {
        cluster = TernCluster.builder().nodes(4).startFirst(3);
        cluster.awaitStable(3, STABLE);
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", cluster.node(0).port())
                .tendInterval(TEND).infoTimeout(PATIENT).connectTimeout(PATIENT)
                .readPolicy(Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).maxRetries(0).build())
                .writePolicy(WritePolicy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).build())
                .build());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aClientSeededWithOneNodeFindsAllThree() {
        assertThat(client.nodeNames()).containsExactlyInAnyOrderElementsOf(serverNames().values());
    }

    @Test
    @Order(2)
    void everyWriteGoesToItsPartitionsMasterSyncAndAsync() {
        assertWritesCountedOnceOnTheirMasters("routing-sync", (index, key) -> {
            client.put(key, new Bin("i", index));
            return CompletableFuture.completedFuture(null);
        });
        assertWritesCountedOnceOnTheirMasters("routing-async",
                (index, key) -> client.async().put(key, new Bin("i", index)));
    }

    @Test
    @Order(3)
    void replicaReadsReachTheProlesSyncAndAsync() {
        Key[] keys = keys("replica-reads", KEYS);
        for (int i = 0; i < keys.length; i++) {
            client.put(keys[i], new Bin("i", i));
        }
        Policy any = ANY;
        Policy sequence = Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).maxRetries(0)
                .replica(Replica.SEQUENCE).build();

        // SEQUENCE: every first attempt goes to the master.
        assertReadsLandOn(keys, sequence, false, (key, parity) -> 0);
        // ANY: the client's spread counter alternates master and prole, one step per read; reads run one at a time,
        // so read i goes to replica (s + i) mod 2 for the counter's unknown start s.
        assertReadsLandOn(keys, any, false, (key, index) -> index % 2);
        assertReadsLandOn(keys, any, true, (key, index) -> index % 2);
    }

    @Test
    @Order(4)
    void afterANodeIsKilledSyncWritesAreReroutedWithinAFewTends() throws Exception {
        Failover failover = killUnderLoad(2, "failover-sync", (index, key, done) -> {
            try {
                client.put(quickWrite(), key, new Bin("i", index));
                done.accept(null);
            } catch (TernException e) {
                done.accept(e);
            }
        }, 1);
        failover.report("sync");
        failover.assertRerouted();
        Await.until("the client to drop the killed node", Duration.ofSeconds(10),
                () -> client.nodeNames().size() == 2);
        assertWritesCountedOnceOnTheirMasters("after-kill-sync", (index, key) -> {
            client.put(key, new Bin("i", index));
            return CompletableFuture.completedFuture(null);
        });
        // The client has the survivors' new maps, proles included (a stale map routes writes right on its own:
        // a dead master's partitions fall to their old prole, the new master).
        assertReadsLandOn(keys("after-kill-sync", KEYS), ANY, false, (key, index) -> index % 2);
    }

    @Test
    @Order(5)
    void aNodeAddedLaterIsDiscoveredAndTakesItsShare() {
        cluster.start(3);
        cluster.awaitStable(3, STABLE);
        String added = nodeName(cluster.node(3));
        Await.until("the client to discover node " + added, Duration.ofMillis(12 * TEND.toMillis()),
                () -> client.nodeNames().contains(added));
        assertThat(client.nodeNames()).containsExactlyInAnyOrderElementsOf(serverNames().values());
        Map<String, Long> written = assertWritesCountedOnceOnTheirMasters("after-join",
                (index, key) -> client.async().put(key, new Bin("i", index)));
        assertThat(written.getOrDefault(added, 0L)).as("writes mastered by the added node").isPositive();
        assertReadsLandOn(keys("after-join", KEYS), ANY, false, (key, index) -> index % 2);
    }

    @Test
    @Order(6)
    void afterANodeIsKilledAsyncWritesAreReroutedWithinAFewTends() throws Exception {
        Failover failover = killUnderLoad(1, "failover-async", (index, key, done) ->
                client.async().put(quickWrite(), key, new Bin("i", index))
                        .whenComplete((ignored, failure) -> done.accept(failure)), 8);
        failover.report("async");
        failover.assertRerouted();
        assertWritesCountedOnceOnTheirMasters("after-kill-async",
                (index, key) -> client.async().put(key, new Bin("i", index)));
        assertReadsLandOn(keys("after-kill-async", KEYS), ANY, true, (key, index) -> index % 2);
    }

    // ---- routing checks ----

    /** Issues one write for key {@code index}; returns when it is done (sync) or its future (async). */
    @FunctionalInterface
    private interface Write {
        CompletableFuture<Void> issue(int index, Key key);
    }

    /**
     * Writes {@link #KEYS} keys of {@code set} and checks each was counted once, on the node that masters its
     * partition, by the servers' {@code client_write_success}, with no proxy anywhere, and that the client's
     * per-node command counts agree. Returns the writes per node.
     */
    private static Map<String, Long> assertWritesCountedOnceOnTheirMasters(String set, Write write) {
        Owners owners = Owners.read();
        Key[] keys = keys(set, KEYS);
        Map<String, Long> expected = new TreeMap<>();
        for (Key key : keys) {
            expected.merge(owners.master(key), 1L, Long::sum);
        }
        Map<String, Counters> before = Counters.read();
        Map<String, Long> clientBefore = clientCommands();

        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            pending.add(write.issue(i, keys[i]));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();

        Map<String, Counters> after = Counters.read();
        Map<String, Long> clientAfter = clientCommands();
        assertThat(Owners.read()).as("partition owners during the writes").isEqualTo(owners);
        Map<String, Long> writes = new TreeMap<>();
        Map<String, Long> proxies = new TreeMap<>();
        Map<String, Long> clientCounted = new TreeMap<>();
        for (String node : after.keySet()) {
            writes.put(node, after.get(node).writes() - before.get(node).writes());
            proxies.put(node, after.get(node).proxies() - before.get(node).proxies());
            clientCounted.put(node, clientAfter.getOrDefault(node, 0L) - clientBefore.getOrDefault(node, 0L));
        }
        System.out.printf("[%s] writes per node: expected on masters %s, counted by servers %s, by the client %s,"
                + " proxies %s%n", set, expected, writes, clientCounted, proxies);
        assertThat(writes).as("client_write_success per node, against each key's master").isEqualTo(
                withZeros(expected, after.keySet()));
        assertThat(proxies).as("proxy_forwarded + proxy_served per node").allSatisfy((node, count) ->
                assertThat(count).as("proxies on %s", node).isZero());
        assertThat(clientCounted).as("the client's completed commands per node").isEqualTo(
                withZeros(expected, after.keySet()));
        return writes;
    }

    /** How each read's replica is chosen: replica index 0 (master) or 1 (prole) for read {@code index}. */
    @FunctionalInterface
    private interface ReplicaChoice {
        int replica(Key key, int index);
    }

    /**
     * Reads every key once, one at a time, and checks the servers' {@code client_read_success} per node against
     * {@code choice} for one of the two starting parities of the client's spread counter (an offset of 0 or 1 added
     * to each read's index); every read returns its record.
     */
    private static void assertReadsLandOn(Key[] keys, Policy policy, boolean async, ReplicaChoice choice) {
        Owners owners = Owners.read();
        Map<String, Counters> before = Counters.read();
        for (int i = 0; i < keys.length; i++) {
            Record record = async ? client.async().get(policy, keys[i]).join() : client.get(policy, keys[i]);
            assertThat(record).as("key %d", i).isNotNull();
            assertThat(record.getLong("i")).as("key %d", i).isEqualTo(i);
        }
        Map<String, Counters> after = Counters.read();
        Map<String, Long> reads = new TreeMap<>();
        for (String node : after.keySet()) {
            reads.put(node, after.get(node).reads() - before.get(node).reads());
        }
        List<Map<String, Long>> candidates = new ArrayList<>();
        for (int offset = 0; offset < 2; offset++) {
            Map<String, Long> expected = new TreeMap<>();
            for (int i = 0; i < keys.length; i++) {
                expected.merge(owners.replica(keys[i], choice.replica(keys[i], i + offset)), 1L, Long::sum);
            }
            candidates.add(withZeros(expected, after.keySet()));
        }
        long onProles = 0;
        for (int i = 0; i < keys.length; i++) {
            onProles += choice.replica(keys[i], i) == 1 ? 1 : 0;
        }
        System.out.printf("[%s %s] reads per node %s; expected %s or %s (%d of %d on proles)%n",
                async ? "async" : "sync", policy.replica(), reads, candidates.get(0), candidates.get(1), onProles,
                keys.length);
        assertThat(reads).as("client_read_success per node").isIn(candidates);
    }

    private static Map<String, Long> withZeros(Map<String, Long> counts, Iterable<String> nodes) {
        Map<String, Long> all = new TreeMap<>(counts);
        for (String node : nodes) {
            all.putIfAbsent(node, 0L);
        }
        return all;
    }

    /** The client's completed commands per node name, since it started. */
    private static Map<String, Long> clientCommands() {
        Map<String, Long> commands = new HashMap<>();
        for (Map.Entry<String, ClientMetrics.NodeMetrics> entry : client.metrics().nodes().entrySet()) {
            commands.put(entry.getKey(), entry.getValue().latency().count());
        }
        return commands;
    }

    private static Key[] keys(String set, int count) {
        Key[] keys = new Key[count];
        for (int i = 0; i < count; i++) {
            keys[i] = new Key(NAMESPACE, set, i);
        }
        return keys;
    }

    /** Per-node counters from the servers' info. */
    private record Counters(long writes, long reads, long proxies) {
        static Map<String, Counters> read() {
            Map<String, Counters> all = new TreeMap<>();
            for (TernServerProcess node : running()) {
                Map<String, String> namespace = ClusterInfo.namespace(node, NAMESPACE);
                Map<String, String> statistics = ClusterInfo.statistics(node);
                all.put(nodeName(node), new Counters(Long.parseLong(namespace.get("client_write_success")),
                        Long.parseLong(namespace.get("client_read_success")),
                        Long.parseLong(statistics.get("proxy_forwarded"))
                                + Long.parseLong(statistics.get("proxy_served"))));
            }
            return all;
        }
    }

    /** Who each running node says it is, for the partition of each key: master (column 0) and prole (column 1). */
    private record Owners(List<String> masters, List<String> proles) {
        static Owners read() {
            String[] masters = new String[4096];
            String[] proles = new String[4096];
            for (TernServerProcess node : running()) {
                String name = nodeName(node);
                boolean[] master = ClusterInfo.claims(node, NAMESPACE, 0);
                boolean[] prole = ClusterInfo.claims(node, NAMESPACE, 1);
                for (int pid = 0; pid < 4096; pid++) {
                    if (master[pid]) {
                        assertThat(masters[pid]).as("partition %d's master", pid).isNull();
                        masters[pid] = name;
                    }
                    if (prole[pid]) {
                        assertThat(proles[pid]).as("partition %d's prole", pid).isNull();
                        proles[pid] = name;
                    }
                }
            }
            for (int pid = 0; pid < 4096; pid++) {
                assertThat(masters[pid]).as("partition %d's master", pid).isNotNull();
                assertThat(proles[pid]).as("partition %d's prole", pid).isNotNull().isNotEqualTo(masters[pid]);
            }
            return new Owners(List.of(masters), List.of(proles));
        }

        String master(Key key) {
            return masters.get(key.partitionId());
        }

        String replica(Key key, int index) {
            return index == 0 ? masters.get(key.partitionId()) : proles.get(key.partitionId());
        }
    }

    private static List<TernServerProcess> running() {
        List<TernServerProcess> nodes = new ArrayList<>();
        for (int index = 0; index < cluster.size(); index++) {
            if (cluster.isRunning(index)) {
                nodes.add(cluster.node(index));
            }
        }
        return nodes;
    }

    private static Map<Integer, String> serverNames() {
        Map<Integer, String> names = new TreeMap<>();
        for (int index = 0; index < cluster.size(); index++) {
            if (cluster.isRunning(index)) {
                names.put(index, nodeName(cluster.node(index)));
            }
        }
        return names;
    }

    private static String nodeName(TernServerProcess node) {
        return node.info("node").get("node");
    }

    // ---- failover ----

    private static WritePolicy quickWrite() {
        return WritePolicy.builder().socketTimeout(FAILOVER_TIMEOUT).totalTimeout(FAILOVER_TIMEOUT).build();
    }

    /** Starts one write for key {@code index} and calls {@code done} with null or its failure when it ends. */
    @FunctionalInterface
    private interface FailoverWrite {
        void start(int index, Key key, java.util.function.Consumer<Throwable> done) throws Exception;
    }

    /** One write's end: when (ns), which key, and the result code (0 = acknowledged). */
    private record Outcome(long atNs, int index, int code) {
    }

    /** What happened to the writes around one kill. */
    private record Failover(long killNs, long stableNs, long endNs, List<Outcome> outcomes, String set) {

        List<Outcome> errors() {
            return outcomes.stream().filter(outcome -> outcome.code() != 0).toList();
        }

        long ms(long ns) {
            return TimeUnit.NANOSECONDS.toMillis(ns - killNs);
        }

        void report(String mode) {
            List<Outcome> errors = errors();
            Map<Integer, Long> codes = new TreeMap<>();
            errors.forEach(error -> codes.merge(error.code(), 1L, Long::sum));
            long acknowledged = outcomes.size() - errors.size();
            if (errors.isEmpty()) {
                System.out.printf("[%s failover] killed at 0 ms, stable again at +%d ms: no errors, %d writes"
                        + " acknowledged%n", mode, ms(stableNs), acknowledged);
                return;
            }
            long first = ms(errors.getFirst().atNs());
            long last = ms(errors.getLast().atNs());
            System.out.printf("[%s failover] killed at 0 ms, cluster stable again at +%d ms; %d errors %s from +%d"
                    + " to +%d ms (window %d ms = %.1f tend intervals of %d ms after the kill); %d writes"
                    + " acknowledged, %d after the last error%n", mode, ms(stableNs), errors.size(), codes, first,
                    last, last, (double) last / TEND.toMillis(), TEND.toMillis(), acknowledged,
                    outcomes.stream().filter(outcome -> outcome.code() == 0 && outcome.atNs() > errors.getLast()
                            .atNs()).count());
        }

        void assertRerouted() {
            List<Outcome> errors = errors();
            if (!errors.isEmpty()) {
                long lastErrorNs = errors.getLast().atNs();
                assertThat(Duration.ofNanos(lastErrorNs - stableNs)).as("last error after the cluster was stable")
                        .isLessThan(REROUTE_BOUND);
            }
            assertThat(outcomes.stream().filter(outcome -> outcome.code() == 0
                    && outcome.atNs() > (errors.isEmpty() ? stableNs : errors.getLast().atNs())).count())
                    .as("writes acknowledged after the last error").isGreaterThan(100);
            // Every acknowledged write is there, with its value.
            for (Outcome outcome : outcomes) {
                if (outcome.code() == 0) {
                    Record record = client.get(new Key(NAMESPACE, set, outcome.index()));
                    assertThat(record).as("acknowledged write %d", outcome.index()).isNotNull();
                    assertThat(record.getLong("i")).isEqualTo(outcome.index());
                }
            }
        }
    }

    /**
     * Writes distinct keys of {@code set} with at most {@code inFlight} outstanding, kills node {@code victim} after
     * a second, and goes on until the cluster is stable again and three more seconds passed.
     */
    private static Failover killUnderLoad(int victim, String set, FailoverWrite write, int inFlight)
            throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Semaphore slots = new Semaphore(inFlight);
        IntFunction<java.util.function.Consumer<Throwable>> recorder = index -> failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            int code = cause == null ? 0 : cause instanceof TernException tern ? tern.resultCode() : -1000;
            outcomes.add(new Outcome(System.nanoTime(), index, code));
            slots.release();
        };
        Thread writer = Thread.ofPlatform().name("failover-writer").start(() -> {
            try {
                for (int index = 0; !stopping.get(); index++) {
                    slots.acquire();
                    write.start(index, new Key(NAMESPACE, set, index), recorder.apply(index));
                }
                slots.acquire(inFlight); // the last ones finish
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1_000);
        long killNs = System.nanoTime();
        cluster.kill(victim);
        int size = running().size();
        cluster.awaitStable(size, STABLE);
        long stableNs = System.nanoTime();
        Thread.sleep(3_000);
        stopping.set(true);
        writer.join(Duration.ofSeconds(30));
        assertThat(writer.isAlive()).as("writer finished").isFalse();
        List<Outcome> sorted = new ArrayList<>(outcomes);
        sorted.sort(java.util.Comparator.comparingLong(Outcome::atNs));
        return new Failover(killNs, stableNs, System.nanoTime(), sorted, set);
    }
}
