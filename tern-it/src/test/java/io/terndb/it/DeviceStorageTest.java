package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.FreePorts;
import io.terndb.testkit.TernServerProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The device engine through a real server process: restarts, crashes, deletes, with the official client. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DeviceStorageTest {

    private static final int WRITER_THREADS = 16;
    private static final int KEYS_PER_THREAD = 200;

    @TempDir
    Path data;

    /** @param nsupPeriod seconds between supervisor rounds (which also reclaim tombstones that shadow nothing) */
    private String namespace(boolean commitToDevice, int nsupPeriod) {
        return """
                namespace test {
                    replication-factor 1
                    nsup-period %d
                    index-type pmem {
                        mount %s
                    }
                    storage-engine device {
                        file %s
                        filesize 128M
                        write-block-size 1M
                        commit-to-device %s
                    }
                }
                """.formatted(nsupPeriod, data.resolve("index"), data.resolve("test.dat"), commitToDevice);
    }

    private TernServerProcess start(int port, boolean commitToDevice) {
        return start(port, commitToDevice, 1);
    }

    private TernServerProcess start(int port, boolean commitToDevice, int nsupPeriod) {
        return TernServerProcess.builder().servicePort(port).namespace(namespace(commitToDevice, nsupPeriod))
                .start();
    }

    private static AerospikeClient connect(int port) {
        ClientPolicy policy = TernServerExtension.patientClientPolicy();
        return new AerospikeClient(policy, "127.0.0.1", port);
    }

    @ParameterizedTest(name = "commit-to-device {0}")
    @ValueSource(booleans = {true, false})
    void everyAcknowledgedWriteSurvivesSigkillUnderLoad(boolean commitToDevice) throws Exception {
        int port = FreePorts.next();
        long[][] acknowledged = new long[WRITER_THREADS][KEYS_PER_THREAD];
        long[][] attempted = new long[WRITER_THREADS][KEYS_PER_THREAD];
        AtomicLong acknowledgedWrites = new AtomicLong();
        try (TernServerProcess server = start(port, commitToDevice); AerospikeClient client = connect(port)) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < WRITER_THREADS; t++) {
                int thread = t;
                java.util.Arrays.fill(acknowledged[t], -1);
                java.util.Arrays.fill(attempted[t], -1);
                writers.add(Thread.ofPlatform().start(() -> writeUntilFailure(client, thread, acknowledged[thread],
                        attempted[thread], stop, acknowledgedWrites)));
            }
            awaitWrites(acknowledgedWrites, 3000);
            Thread.sleep(1000); // then a second of full load, so the kill lands mid-stream
            server.kill();
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(acknowledgedWrites.get()).isGreaterThan(3000);
        System.out.printf("commit-to-device %s: %d acknowledged writes before SIGKILL%n", commitToDevice,
                acknowledgedWrites.get());
        try (TernServerProcess server = start(port, commitToDevice); AerospikeClient client = connect(port)) {
            assertThat(server.logText()).contains("cold start");
            for (int t = 0; t < WRITER_THREADS; t++) {
                for (int k = 0; k < KEYS_PER_THREAD; k++) {
                    Record record = client.get(null, key(t, k));
                    if (acknowledged[t][k] >= 0) {
                        assertThat(record).as("thread %d key %d acknowledged %d", t, k, acknowledged[t][k])
                                .isNotNull();
                        // The write in flight at the kill may or may not have landed; nothing older may show.
                        assertThat(record.getLong("v")).as("thread %d key %d", t, k)
                                .isIn(acknowledged[t][k], attempted[t][k]);
                    } else if (record != null) {
                        assertThat(record.getLong("v")).isEqualTo(attempted[t][k]);
                    }
                }
            }
        }
    }

    private static void writeUntilFailure(AerospikeClient client, int thread, long[] acknowledged, long[] attempted,
            AtomicBoolean stop, AtomicLong acknowledgedWrites) {
        WritePolicy policy = new WritePolicy(client.getWritePolicyDefault());
        policy.maxRetries = 0;
        for (long sequence = 0; !stop.get(); sequence++) {
            int k = (int) (sequence % KEYS_PER_THREAD);
            attempted[k] = sequence;
            try {
                client.put(policy, key(thread, k), new Bin("v", sequence), new Bin("pad", new byte[200]));
            } catch (AerospikeException e) {
                return; // the server is gone
            }
            acknowledged[k] = sequence;
            acknowledgedWrites.incrementAndGet();
        }
    }

    private static void awaitWrites(AtomicLong writes, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writes.get() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static Key key(int thread, int k) {
        return new Key("test", "crash", thread * 100_000L + k);
    }

    @Test
    void truncationSurvivesARestart() throws Exception {
        int port = FreePorts.next();
        try (TernServerProcess server = start(port, false); AerospikeClient client = connect(port)) {
            for (int i = 0; i < 100; i++) {
                client.put(null, new Key("test", "gone", i), new Bin("i", i));
                client.put(null, new Key("test", "kept", i), new Bin("i", i));
            }
            client.truncate(null, "test", "gone", null);
            Thread.sleep(5);
            client.put(null, new Key("test", "gone", 1000), new Bin("i", 1000));
        }
        try (TernServerProcess server = start(port, false); AerospikeClient client = connect(port)) {
            assertThat(client.get(null, new Key("test", "gone", 5))).isNull();
            assertThat(client.get(null, new Key("test", "gone", 1000))).isNotNull();
            assertThat(client.get(null, new Key("test", "kept", 5))).isNotNull();
        }
    }

    @Test
    void dataAndDeletesSurviveACleanRestart() {
        int port = FreePorts.next();
        // No supervisor round during the test: it could reclaim the tombstones counted below (they shadow nothing).
        int nsupPeriod = 3600;
        try (TernServerProcess server = start(port, false, nsupPeriod); AerospikeClient client = connect(port)) {
            for (int i = 0; i < 500; i++) {
                client.put(null, new Key("test", "restart", i), new Bin("i", i), new Bin("s", "value-" + i));
            }
            for (int i = 0; i < 500; i += 5) {
                assertThat(client.delete(null, new Key("test", "restart", i))).isTrue();
            }
        }
        try (TernServerProcess server = start(port, false, nsupPeriod); AerospikeClient client = connect(port)) {
            assertThat(server.logText()).contains("warm restart");
            for (int i = 0; i < 500; i++) {
                Record record = client.get(null, new Key("test", "restart", i));
                if (i % 5 == 0) {
                    assertThat(record).as("deleted key %d", i).isNull();
                } else {
                    assertThat(record.getInt("i")).isEqualTo(i);
                    assertThat(record.getString("s")).isEqualTo("value-" + i);
                }
            }
            Map<String, String> stats = InfoValues.keyValues(
                    server.info("namespace/test").get("namespace/test"), ';');
            assertThat(stats).containsEntry("objects", "400").containsEntry("tombstones", "100")
                    .containsEntry("storage-engine", "device");
        }
    }

    /**
     * After a restart every record is on the device only: updates must read the old version (on a worker thread,
     * not the event loop) and merge with it, and be answered only once durable.
     */
    @Test
    void updatesAfterARestartMergeWithTheVersionOnTheDevice() {
        int port = FreePorts.next();
        int records = 300;
        try (TernServerProcess server = start(port, false); AerospikeClient client = connect(port)) {
            for (int i = 0; i < records; i++) {
                client.put(null, new Key("test", "merge", i), new Bin("a", i), new Bin("b", "first-" + i));
            }
        }
        try (TernServerProcess server = start(port, false); AerospikeClient client = connect(port)) {
            for (int i = 0; i < records; i++) {
                Key key = new Key("test", "merge", i);
                client.put(null, key, new Bin("c", 2L * i));
                client.operate(null, key, com.aerospike.client.Operation.add(new Bin("a", 1)));
            }
        }
        try (TernServerProcess server = start(port, false); AerospikeClient client = connect(port)) {
            for (int i = 0; i < records; i++) {
                Record record = client.get(null, new Key("test", "merge", i));
                assertThat(record.getInt("a")).as("a of %d", i).isEqualTo(i + 1);
                assertThat(record.getString("b")).isEqualTo("first-" + i);
                assertThat(record.getLong("c")).isEqualTo(2L * i);
                assertThat(record.generation).isEqualTo(3);
            }
        }
    }
}
