package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.Key;
import io.terndb.client.PartitionFilter;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Segments left by writers that died before their commit are never part of a visible object and are deleted once
 * they have stayed orphans for the grace period: simulated with the raw client, and with a real writer process
 * killed with SIGKILL while it stores.
 */
class ChunkStoreOrphanTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final long GRACE_MS = 1_500;
    private static final long WRITER_RUN_SECONDS_MAX = 60;
    private static final int OBJECT_BYTES = 3 * 1024 * 1024;
    private static final WritePolicy WITH_KEY = WritePolicy.builder().sendKey(true).build();

    private static ChunkStoreConfig config(String set) {
        return SERVER.config(set).orphanGraceMs(GRACE_MS).build();
    }

    @Test
    void segmentsNoCommittedObjectRefersToAreSweptAfterTheGracePeriod() throws InterruptedException {
        String set = "orphans";
        ChunkStore store = SERVER.open(config(set));
        assertThat(store.store(List.of("whole"), List.of(Payloads.random(OBJECT_BYTES, 1))).join())
                .containsExactly(StoreOutcome.STORED);
        long wholeRecords = RecordCounts.inSet(SERVER.client(), set);
        writeSegment(set, "half|s|00000000000000aa|0");
        writeSegment(set, "half|s|00000000000000aa|1");
        writeSegment(set, "whole|s|00000000000000bb|0");
        writeSegment(set, "older|s|0");

        assertThat(store.lookup(List.of("half", "older")).join()).containsExactly(false, false);
        assertThat(store.load(List.of("half"), List.of(ByteBuffer.allocate(OBJECT_BYTES))).join())
                .containsExactly(LoadResult.MISS);
        assertThat(store.sweepOrphans().join()).as("a first sighting deletes nothing").isZero();
        Thread.sleep(GRACE_MS);
        assertThat(store.sweepOrphans().join()).isEqualTo(4);

        assertThat(RecordCounts.inSet(SERVER.client(), set)).isEqualTo(wholeRecords);
        ByteBuffer destination = ByteBuffer.allocate(OBJECT_BYTES);
        assertThat(store.load(List.of("whole"), List.of(destination)).join().getFirst().isHit()).isTrue();
        assertThat(destination.array()).isEqualTo(Payloads.random(OBJECT_BYTES, 1).array());
    }

    @Test
    void periodicSweepsDeleteOrphansWithoutBeingAsked() throws InterruptedException {
        String set = "swept-periodically";
        writeSegment(set, "abandoned|s|00000000000000cc|0");
        try (ChunkStore sweeping = SERVER.open(SERVER.config(set).orphanGraceMs(300).orphanSweepMs(200).build())) {
            long deadline = System.nanoTime() + KvCacheServerExtension.PATIENT.toNanos();
            while (RecordCounts.inSet(SERVER.client(), set) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(RecordCounts.inSet(SERVER.client(), set)).isZero();
        }
    }

    @Test
    void aWriterKilledMidStoreLeavesNoHalfObjectAndItsSegmentsAreSwept() throws Exception {
        String set = "killed";
        Set<Integer> reported = runWriterAndKillIt(set);
        ChunkStore store = SERVER.open(config(set));
        Set<Integer> committed = committedObjectNumbers(set);
        int highest = Math.max(Collections.max(committed), Collections.max(reported)) + KilledWriter.IN_FLIGHT;

        assertThat(committed).as("every store the writer reported is visible").containsAll(reported);
        for (int number = 0; number <= highest; number++) {
            String key = "killed-" + number;
            ByteBuffer destination = ByteBuffer.allocate(KilledWriter.OBJECT_BYTES);
            LoadResult loaded = store.load(List.of(key), List.of(destination)).join().getFirst();
            assertThat(store.lookup(List.of(key)).join()).as(key).containsExactly(committed.contains(number));
            assertThat(loaded.isHit()).as("%s: whole or absent", key).isEqualTo(committed.contains(number));
            if (loaded.isHit()) {
                assertThat(destination.array()).as(key).isEqualTo(KilledWriter.payload(number).array());
            }
        }

        store.sweepOrphans().join();
        Thread.sleep(GRACE_MS);
        int swept = store.sweepOrphans().join();

        System.out.printf("killed writer: %d objects committed, %d orphan segments swept%n", committed.size(),
                swept);
        assertThat(RecordCounts.inSet(SERVER.client(), set)).as("only whole objects remain")
                .isEqualTo(committed.size() * (1L + KilledWriter.SEGMENTS_PER_OBJECT));
    }

    /** Object numbers with a meta record, found by a scan (every record carries its user key). */
    private static Set<Integer> committedObjectNumbers(String set) {
        Set<Integer> numbers = ConcurrentHashMap.newKeySet();
        SERVER.client().scan(PartitionFilter.all(), KvCacheServerExtension.NAMESPACE, set, (key, record) -> {
            String userKey = (String) key.userKey().toObject();
            if (userKey.endsWith("|m")) {
                numbers.add(Integer.parseInt(userKey.substring("killed-".length(), userKey.length() - 2)));
            }
        }, "ver");
        return numbers;
    }

    /** Starts the writer process, lets it commit a few objects, kills it mid-stream; returns what it reported. */
    private static Set<Integer> runWriterAndKillIt(String set) throws IOException, InterruptedException {
        Process writer = new ProcessBuilder(javaCommand(set)).redirectErrorStream(true).start();
        // A writer that hangs is killed too, so its output ends and the test fails instead of waiting forever.
        CompletableFuture.delayedExecutor(WRITER_RUN_SECONDS_MAX, TimeUnit.SECONDS).execute(writer::destroyForcibly);
        List<String> output = new ArrayList<>();
        Set<Integer> reported = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && reported.size() < 6; line = lines.readLine()) {
                output.add(line);
                if (line.startsWith("stored ")) {
                    reported.add(Integer.parseInt(line.substring("stored ".length())));
                }
            }
            writer.destroyForcibly();
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(reported).as("writer output: %s", output).hasSize(6);
        return reported;
    }

    private static List<String> javaCommand(String set) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-cp", System.getProperty("java.class.path"), KilledWriter.class.getName(),
                Integer.toString(SERVER.server().port()), set);
    }

    private static void writeSegment(String set, String userKey) {
        SERVER.client().put(WITH_KEY, new Key(KvCacheServerExtension.NAMESPACE, set, userKey),
                new Bin("b", new byte[1000]), new Bin("crc", 1L));
    }
}
