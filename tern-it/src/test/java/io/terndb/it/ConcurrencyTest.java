package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.terndb.testkit.ProtoFrame;
import io.terndb.testkit.RawConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many writers on one record lose no update; many connections at once are all served. */
class ConcurrencyTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final int THREADS = 16;
    private static final int ADDS_PER_THREAD = 500;
    private static final int CONNECTIONS = 200;

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    @Test
    void concurrentAddsToOneRecordAreAllCounted() throws Exception {
        Key key = new Key("test", set, "counter");
        runConcurrently(THREADS, thread -> {
            for (int i = 0; i < ADDS_PER_THREAD; i++) {
                client.add(null, key, new Bin("n", 1));
            }
        });

        Record record = client.get(null, key);
        assertThat(record.getLong("n")).isEqualTo((long) THREADS * ADDS_PER_THREAD);
        assertThat(record.generation).isEqualTo(THREADS * ADDS_PER_THREAD);
    }

    @Test
    void concurrentPutsToDistinctKeysAreAllStored() throws Exception {
        int perThread = 100;
        runConcurrently(8, thread -> {
            for (int i = 0; i < perThread; i++) {
                client.put(null, new Key("test", set, thread * perThread + i), new Bin("v", thread * perThread + i));
            }
        });

        Key[] keys = new Key[8 * perThread];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", set, i);
        }
        Record[] records = client.get(null, keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(records[i]).as("record %d", i).isNotNull();
            assertThat(records[i].getLong("v")).isEqualTo(i);
        }
    }

    @Test
    void twoHundredConnectionsOpenAtOnceAreAllServed() throws IOException {
        List<RawConnection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                connections.add(RawConnection.open(SERVER.port()));
            }
            for (RawConnection connection : connections) {
                connection.sendInfo("status");
            }
            for (RawConnection connection : connections) {
                ProtoFrame reply = connection.readFrame(Duration.ofSeconds(10));
                assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                        .isEqualTo("status\tok\n");
            }
        } finally {
            for (RawConnection connection : connections) {
                connection.close();
            }
        }
    }

    /** A task that runs on one of several threads, told its thread number. */
    private interface ThreadTask {
        void run(int thread) throws Exception;
    }

    /** Starts all threads together and rethrows the first failure. */
    private static void runConcurrently(int threads, ThreadTask task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> results = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                int number = thread;
                results.add(executor.submit(() -> {
                    start.await();
                    task.run(number);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> result : results) {
                result.get();
            }
        }
    }
}
