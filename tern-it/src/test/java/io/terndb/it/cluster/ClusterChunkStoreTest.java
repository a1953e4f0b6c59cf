package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.testkit.TernCluster;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The KV-cache chunk store ({@code tern-kvcache}) on a three-node cluster (replication factor 2): objects of several
 * segments stored through a client seeded with one node load back byte for byte, and while a node is killed under a
 * loop of loads every load returns the exact bytes (checked against the stored payload's checksum), a miss, or a
 * failure that a retry turns into a success: never wrong bytes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterChunkStoreTest {

    private static final String NAMESPACE = "lmcache";
    private static final String STANZA = """
            namespace lmcache {
                replication-factor 2
                default-ttl 0
                nsup-period 1
                max-record-size 1M
                storage-engine memory {
                    data-size 512M
                }
            }
            """;
    private static final int MIB = 1024 * 1024;
    private static final int OBJECTS = 8;
    private static final int OBJECT_BYTES = 4 * MIB;
    private static final Duration TEND = Duration.ofMillis(250);
    private static final Duration PATIENT = Duration.ofSeconds(10);
    private static final Duration STABLE = Duration.ofSeconds(60);
    private static final int LOADERS = 2;
    /** A failed load is retried for this long before the test calls it lost. */
    private static final Duration RETRY_FOR = Duration.ofSeconds(15);

    private static TernCluster cluster;
    private static TernClient client;
    private static ChunkStore store;
    private static final List<String> KEYS = new ArrayList<>();
    private static final List<byte[]> PAYLOADS = new ArrayList<>();
    private static final List<Long> CHECKSUMS = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = TernCluster.builder().nodes(3).namespace(index -> STANZA).start();
        cluster.awaitStable(3, STABLE);
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", cluster.node(0).port())
                .tendInterval(TEND).infoTimeout(PATIENT).connectTimeout(PATIENT).build());
        store = ChunkStore.open(client, ChunkStoreConfig.builder().environment(Map.of())
                .hosts("127.0.0.1:" + cluster.node(0).port()).namespace(NAMESPACE).setName("cluster-chunks")
                .readTimeoutMs(1_000).writeTimeoutMs(PATIENT.toMillis()).build());
        for (int index = 0; index < OBJECTS; index++) {
            byte[] payload = new byte[OBJECT_BYTES];
            SplittableRandom random = new SplittableRandom(0x7E2DBL + index);
            for (int i = 0; i < payload.length; i += 8) {
                long bits = random.nextLong();
                for (int b = 0; b < 8; b++) {
                    payload[i + b] = (byte) (bits >>> (8 * b));
                }
            }
            KEYS.add("chunk-" + index);
            PAYLOADS.add(payload);
            CHECKSUMS.add(crc(ByteBuffer.wrap(payload)));
        }
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void objectsStoredThroughOneSeedLoadBackByteForByteAndLiveOnTwoNodes() {
        List<ByteBuffer> payloads = PAYLOADS.stream().map(ByteBuffer::wrap).toList();
        assertThat(store.store(KEYS, payloads).join()).containsOnly(StoreOutcome.STORED);

        List<ByteBuffer> destinations = KEYS.stream().map(key -> ByteBuffer.allocateDirect(OBJECT_BYTES)).toList();
        List<LoadResult> loaded = store.load(KEYS, destinations).join();
        for (int index = 0; index < OBJECTS; index++) {
            assertThat(loaded.get(index)).as("load of %s", KEYS.get(index))
                    .isEqualTo(new LoadResult(LoadOutcome.HIT, OBJECT_BYTES));
            byte[] bytes = new byte[OBJECT_BYTES];
            destinations.get(index).flip().get(bytes);
            assertThat(bytes).as("bytes of %s", KEYS.get(index)).isEqualTo(PAYLOADS.get(index));
        }
        // Every record (meta and segments) has a master copy and a prole copy, on different nodes.
        long masters = 0;
        long proles = 0;
        for (int index = 0; index < 3; index++) {
            Map<String, String> namespace = ClusterInfo.namespace(cluster.node(index), NAMESPACE);
            masters += Long.parseLong(namespace.get("master_objects"));
            proles += Long.parseLong(namespace.get("prole_objects"));
        }
        long segments = (OBJECT_BYTES + store.segmentTargetBytes() - 1) / store.segmentTargetBytes();
        assertThat(masters).as("master copies").isEqualTo(OBJECTS * (segments + 1));
        assertThat(proles).as("prole copies").isEqualTo(masters);
    }

    @Test
    @Order(2)
    void loadsWhileANodeIsKilledReturnTheExactBytesAMissOrARetriedSuccess() throws Exception {
        AtomicLong hits = new AtomicLong();
        AtomicLong misses = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong retriedSuccesses = new AtomicLong();
        AtomicLong wrongBytes = new AtomicLong();
        AtomicLong lost = new AtomicLong();
        AtomicLong firstErrorNs = new AtomicLong(Long.MAX_VALUE);
        AtomicLong lastErrorNs = new AtomicLong(Long.MIN_VALUE);
        Map<String, Long> failures = new TreeMap<>();
        AtomicBoolean stopping = new AtomicBoolean();
        List<Thread> loaders = new ArrayList<>();
        for (int loader = 0; loader < LOADERS; loader++) {
            int first = loader;
            loaders.add(Thread.ofPlatform().name("chunk-loader-" + loader).start(() -> {
                ByteBuffer destination = ByteBuffer.allocateDirect(OBJECT_BYTES);
                for (int round = first; !stopping.get(); round++) {
                    int index = round % OBJECTS;
                    long retryUntilNs = 0;
                    boolean retried = false;
                    while (true) {
                        destination.clear();
                        LoadResult result = store.load(List.of(KEYS.get(index)), List.of(destination)).join()
                                .getFirst();
                        if (result.outcome() == LoadOutcome.HIT) {
                            long checksum = crc(destination.flip());
                            if (result.bytes() != OBJECT_BYTES || checksum != CHECKSUMS.get(index)) {
                                wrongBytes.incrementAndGet();
                            }
                            hits.incrementAndGet();
                            if (retried) {
                                retriedSuccesses.incrementAndGet();
                            }
                            break;
                        }
                        if (result.outcome() == LoadOutcome.MISS) {
                            misses.incrementAndGet();
                            break;
                        }
                        // FAILED or TIMED_OUT: a server or network error; count it and ask again.
                        long nowNs = System.nanoTime();
                        errors.incrementAndGet();
                        firstErrorNs.accumulateAndGet(nowNs, Math::min);
                        lastErrorNs.accumulateAndGet(nowNs, Math::max);
                        String why = result.outcome() + result.failure().map(cause -> " " + cause.resultCode())
                                .orElse("");
                        synchronized (failures) {
                            failures.merge(why, 1L, Long::sum);
                        }
                        if (!retried) {
                            retried = true;
                            retryUntilNs = nowNs + RETRY_FOR.toNanos();
                        } else if (nowNs - retryUntilNs > 0) {
                            lost.incrementAndGet();
                            break;
                        }
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }));
        }
        Thread.sleep(1_000);
        long hitsBeforeKill = hits.get();
        long killNs = System.nanoTime();
        cluster.kill(2);
        cluster.awaitStable(2, STABLE);
        long stableNs = System.nanoTime();
        Thread.sleep(3_000);
        stopping.set(true);
        for (Thread loader : loaders) {
            loader.join(Duration.ofSeconds(30));
            assertThat(loader.isAlive()).as(loader.getName() + " finished").isFalse();
        }

        String window = errors.get() == 0 ? "no errors"
                : "errors from +" + ms(firstErrorNs.get() - killNs) + " to +" + ms(lastErrorNs.get() - killNs) + " ms "
                        + failures;
        System.out.printf("[chunk store failover] %d loaders of %d x %d MiB objects; node 2 killed at 0 ms, cluster"
                + " stable again at +%d ms; hits %d (%d before the kill), misses %d, errors %d (%s), retried"
                + " successes %d, wrong bytes %d, lost %d%n", LOADERS, OBJECTS, OBJECT_BYTES / MIB,
                ms(stableNs - killNs), hits.get(), hitsBeforeKill, misses.get(), errors.get(), window,
                retriedSuccesses.get(), wrongBytes.get(), lost.get());
        assertThat(wrongBytes.get()).as("loads that reported a hit with other bytes").isZero();
        assertThat(lost.get()).as("loads still failing after %s of retries", RETRY_FOR).isZero();
        assertThat(hits.get()).as("hits after the kill").isGreaterThan(hitsBeforeKill);

        // Nothing was lost: every object loads whole from the two survivors.
        for (int index = 0; index < OBJECTS; index++) {
            ByteBuffer destination = ByteBuffer.allocateDirect(OBJECT_BYTES);
            LoadResult result = store.load(List.of(KEYS.get(index)), List.of(destination)).join().getFirst();
            assertThat(result).as("load of %s after the kill", KEYS.get(index))
                    .isEqualTo(new LoadResult(LoadOutcome.HIT, OBJECT_BYTES));
            assertThat(crc(destination.flip())).as("checksum of %s", KEYS.get(index)).isEqualTo(CHECKSUMS.get(index));
        }
    }

    private static long crc(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return crc.getValue();
    }

    private static long ms(long ns) {
        return TimeUnit.NANOSECONDS.toMillis(ns);
    }
}
