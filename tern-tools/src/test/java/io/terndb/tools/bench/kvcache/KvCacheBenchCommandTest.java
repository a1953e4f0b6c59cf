package io.terndb.tools.bench.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.LoadResult;
import io.terndb.testkit.TernServerProcess;
import io.terndb.tools.Tern;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tern bench kvcache} against a real server process, on objects small enough to take seconds: 300,000 B
 * against a 128 KiB record cap, so every object is five segments of 60,000 B and both TernDB patterns go through
 * their multi-segment paths.
 */
class KvCacheBenchCommandTest {

    static final int OBJECT_BYTES = 300_000;
    static final int OBJECTS = 6;
    static final int ROUNDS = 2;
    static final String NAMESPACE = "lmcache";
    static final String STANZA = """
            namespace lmcache {
                replication-factor 1
                default-ttl 0
                nsup-period 120
                max-record-size 128K
                storage-engine memory {
                    data-size 512M
                }
            }
            """;

    private static TernServerProcess server;

    @BeforeAll
    static void startServer() {
        server = TernServerProcess.builder().namespace(STANZA).start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void chunkStoreLoadsBackEveryStoredObjectIntact() {
        BenchOutput output = run("chunkstore", "kvbench-test-chunkstore");

        assertCompleteRun(output);
        assertThat(output.text()).contains("ChunkStore", "segments of 65536 B", "verification on");
    }

    @Test
    void chunkStoreOnAClientOfOurOwnLoadsBackEveryStoredObjectIntact() {
        BenchOutput output = run("chunkstore", "kvbench-test-own-client", "--event-loops", "1");

        assertCompleteRun(output);
        assertThat(output.text()).contains("client event loops 1");
    }

    @Test
    void sequentialPatternLoadsBackEveryStoredObjectIntact() {
        BenchOutput output = run("sequential", "kvbench-test-sequential");

        assertCompleteRun(output);
        assertThat(output.text()).contains("LMCache connector pattern", "segments of 65536 B");
    }

    /** The sequential target writes LMCache's records, so the chunk store must read them as whole objects. */
    @Test
    void sequentialPatternWritesObjectsTheChunkStoreReads() {
        String prefix = "kvbench-test-layout";
        assertCompleteRun(run("sequential", prefix, "--keep"));

        ObjectPattern pattern = new ObjectPattern(OBJECT_BYTES, 1);
        try (TernClient client = TernClient.connect("127.0.0.1", server.port());
                ChunkStore store = ChunkStore.open(client, ChunkStoreConfig.builder().environment(Map.of())
                        .hosts("127.0.0.1:" + server.port()).namespace(NAMESPACE).setName("kv_chunks").build())) {
            List<String> keys = new ArrayList<>();
            List<ByteBuffer> destinations = new ArrayList<>();
            for (int index = 0; index < OBJECTS; index++) {
                keys.add(prefix + "-" + index);
                destinations.add(ByteBuffer.allocate(OBJECT_BYTES));
            }
            List<LoadResult> loaded = store.load(keys, destinations).join();
            for (int index = 0; index < OBJECTS; index++) {
                assertThat(loaded.get(index).isHit()).as("object %d", index).isTrue();
                assertThat(pattern.verify(destinations.get(index), loaded.get(index).bytes(), index)).isTrue();
            }
            store.delete(keys).join();
        }
    }

    @Test
    void runWithNothingToLoadIsReportedAsMissesAndFails() {
        // Stores that never reach the server make every load a miss: the run must not pass as complete.
        KvCacheSettings settings = new KvCacheSettings(KvTargetKind.SEQUENTIAL, "127.0.0.1", server.port(),
                NAMESPACE, "kv_chunks", OBJECT_BYTES, 2, OBJECTS, 1, false, 0, 10_000, true, 1, "kvbench-test-miss",
                false, 0);
        StringWriter text = new StringWriter();
        KvCacheSummary summary;
        try (KvTarget dropping = new DroppingTarget(SequentialTarget.connect(settings))) {
            summary = new KvCacheBench(settings, new PrintWriter(text, true)).run(dropping);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        assertThat(summary.complete()).isFalse();
        assertThat(summary.load().misses()).isEqualTo(OBJECTS);
        assertThat(summary.load().objects()).isZero();
    }

    static BenchOutput run(String target, String keyPrefix, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("bench", "kvcache", "--target", target,
                "--port", String.valueOf(server.port()), "--namespace", NAMESPACE,
                "--object-bytes", String.valueOf(OBJECT_BYTES), "--in-flight", "2", "--objects",
                String.valueOf(OBJECTS), "--rounds", String.valueOf(ROUNDS), "--timeout-ms", "10000",
                "--key-prefix", keyPrefix));
        arguments.addAll(List.of(extra));
        return execute(arguments);
    }

    static BenchOutput execute(List<String> arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Tern.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(arguments.toArray(String[]::new));
        return new BenchOutput(exitCode, out + err.toString());
    }

    static void assertCompleteRun(BenchOutput output) {
        assertThat(output.exitCode()).as(output.text()).isZero();
        assertThat(output.number("store", "objects")).isEqualTo(OBJECTS);
        assertThat(output.number("load", "objects")).isEqualTo(OBJECTS * ROUNDS);
        for (String phase : List.of("store", "load")) {
            assertThat(output.number(phase, "errors")).as(phase + " errors").isZero();
            assertThat(output.number(phase, "misses")).as(phase + " misses").isZero();
            assertThat(output.number(phase, "corrupt")).as(phase + " corrupt").isZero();
            assertThat(output.decimal(phase, "gib_per_s")).as(phase + " GiB/s").isPositive();
            assertThat(output.decimal(phase, "p99_ms")).as(phase + " p99")
                    .isGreaterThanOrEqualTo(output.decimal(phase, "p50_ms")).isPositive();
        }
    }
}
