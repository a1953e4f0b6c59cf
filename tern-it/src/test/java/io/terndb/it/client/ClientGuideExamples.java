package io.terndb.it.client;

import io.terndb.client.BatchOperation;
import io.terndb.client.BatchResult;
import io.terndb.client.Bin;
import io.terndb.client.ClientConfig;
import io.terndb.client.ClientMetrics;
import io.terndb.client.CommandKind;
import io.terndb.client.GenerationPolicy;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.PartitionFilter;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.RecordExistsAction;
import io.terndb.client.Replica;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernBackpressureException;
import io.terndb.client.TernClient;
import io.terndb.client.TernException;
import io.terndb.client.TernTimeoutException;
import io.terndb.client.WritePolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The examples docs/client-guide.md quotes, region by region (between the {@code tag::} and {@code end::}
 * comments). {@link ClientGuideExamplesTest} runs each against a real server and checks the guide still quotes
 * them word for word.
 */
final class ClientGuideExamples {

    private ClientGuideExamples() {
    }

    static TernClient connect(int port) {
        // tag::connect[]
        ClientConfig config = ClientConfig.builder()
                .seed("127.0.0.1", port)                 // more seeds: call seed(...) again
                .maxConnectionsPerNode(64)               // sync sockets per node; callers beyond wait
                .readPolicy(Policy.builder().totalTimeout(Duration.ofMillis(500)).build())
                .writePolicy(WritePolicy.builder()       // default: 1 s per attempt and in all
                        .socketTimeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(5)).build())
                .build();
        TernClient client = TernClient.connect(config);  // validates seeds, learns nodes and partitions
        // end::connect[]
        return client;
    }

    static Record putAndGet(TernClient client) {
        // tag::put-get[]
        Key key = new Key("test", "users", "alice");
        client.put(key, new Bin("name", "Alice"), new Bin("age", 42), new Bin("tags", List.of("admin", "ops")));

        Record record = client.get(key);                 // null if the record does not exist
        String name = record.getString("name");          // "Alice"
        long age = record.getLong("age");                // 42
        Record justAge = client.get(key, "age");          // only the named bins
        boolean exists = client.exists(key);             // true
        // end::put-get[]
        if (!name.equals("Alice") || age != 42 || justAge.bins().size() != 1 || !exists) {
            throw new AssertionError("put-get example");
        }
        return record;
    }

    static Record operate(TernClient client) {
        // tag::operate[]
        Key counter = new Key("test", "counters", "page-views");
        Record result = client.operate(counter,
                Operation.add(new Bin("views", 1)),       // creates the bin at 0 first if needed
                Operation.append(new Bin("log", "v")),
                Operation.get("views"));                   // read after the writes, same round trip
        long views = result.getLong("views");
        // end::operate[]
        if (views < 1) {
            throw new AssertionError("operate example");
        }
        return result;
    }

    static void policies(TernClient client) {
        Key key = new Key("test", "users", "bob");
        // tag::policies[]
        WritePolicy createOnly = WritePolicy.builder()
                .recordExistsAction(RecordExistsAction.CREATE_ONLY)   // fail with code 5 if it exists
                .ttlSeconds(3600)                                      // -1 never expires, 0 namespace default
                .sendKey(true)                                         // store the user key (scans return it)
                .build();
        client.put(createOnly, key, new Bin("name", "Bob"));

        Record current = client.getHeader(key);                        // generation and expiry, no bins
        WritePolicy checkAndSet = WritePolicy.builder()
                .generation(GenerationPolicy.EXPECT_EQUAL, current.generation())   // else code 3
                .build();
        client.put(checkAndSet, key, new Bin("name", "Robert"));

        Policy patientRead = Policy.builder()
                .socketTimeout(Duration.ofMillis(200))   // per attempt
                .totalTimeout(Duration.ofSeconds(2))     // whole command, retries included
                .maxRetries(3)
                .retryBackoff(Duration.ofMillis(10))     // doubles at each retry
                .replica(Replica.SEQUENCE)               // master first, then the next replica
                .build();
        Record robert = client.get(patientRead, key);
        // end::policies[]
        if (!"Robert".equals(robert.getString("name"))) {
            throw new AssertionError("policies example");
        }
    }

    static long async(TernClient client) {
        // tag::async[]
        Key key = new Key("test", "users", "carol");
        CompletableFuture<Long> age = client.async().put(key, new Bin("age", 30))
                .thenCompose(ignored -> client.async().get(key))
                .thenApply(record -> record.getLong("age"));
        // futures complete on an event loop thread: chain non-blocking work, or hand off to your executor
        long value = age.join();

        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            writes.add(client.async().put(new Key("test", "events", i), new Bin("n", i)));
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        // end::async[]
        return value;
    }

    static List<BatchResult> batch(TernClient client) {
        // tag::batch[]
        Key[] keys = {new Key("test", "users", "alice"), new Key("test", "users", "nobody")};
        Record[] records = client.get(keys);             // one entry per key, null where missing
        boolean[] exist = client.exists(keys);           // {true, false}

        List<BatchResult> results = client.operate(List.of(
                BatchOperation.of(keys[0], Operation.add(new Bin("logins", 1)), Operation.get("logins")),
                BatchOperation.delete(new Key("test", "users", "bob"))));
        for (BatchResult result : results) {
            if (!result.isSuccess()) {
                System.out.println(result.key() + " failed with code " + result.resultCode());
            }
        }
        // end::batch[]
        if (records[0] == null || records[1] != null || !exist[0] || exist[1]) {
            throw new AssertionError("batch example");
        }
        return results;
    }

    static long scan(TernClient client) {
        // tag::scan[]
        AtomicLong count = new AtomicLong();
        client.scan(PartitionFilter.all(), "test", "events", (key, record) -> count.incrementAndGet());

        // in pages of at most 100 records: the filter remembers where each partition stopped
        PartitionFilter cursor = PartitionFilter.all();
        ScanPolicy page = ScanPolicy.builder().maxRecords(100).build();
        while (!cursor.isDone()) {
            client.scan(page, cursor, "test", "events", (key, record) -> { /* process one record */ }, "n");
        }
        // end::scan[]
        return count.get();
    }

    static int errors(TernClient client) {
        int code = 0;
        // tag::errors[]
        Key key = new Key("test", "users", "alice");
        try {
            client.put(WritePolicy.builder().recordExistsAction(RecordExistsAction.CREATE_ONLY).build(), key,
                    new Bin("name", "again"));
        } catch (TernTimeoutException e) {
            // no answer in time; e.inDoubt() tells whether the write may have been applied anyway
        } catch (TernBackpressureException e) {
            // async only: too many commands in flight and waiting; nothing was sent
        } catch (TernException e) {
            code = e.resultCode();                       // here ResultCode.KEY_EXISTS (5); e.node() names the node
        }
        // end::errors[]
        return code;
    }

    static Map<String, String> infoAndMetrics(TernClient client) {
        // tag::info-metrics[]
        Map<String, String> info = client.info("namespaces", "build");
        ClientMetrics metrics = client.metrics();
        long gets = metrics.commands().get(CommandKind.GET).count();
        long p99Micros = metrics.commands().get(CommandKind.GET).percentileNs(99) / 1_000;
        long retries = metrics.retries();
        // end::info-metrics[]
        if (gets <= 0 || p99Micros < 0 || retries < 0) {
            throw new AssertionError("metrics example");
        }
        return info;
    }

}
