package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import io.terndb.testkit.Await;
import io.terndb.testkit.TernServerProcess;
import java.time.Duration;
import java.util.Calendar;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code client.truncate} and the truncate info commands, on a memory namespace. */
class TruncateTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    @Test
    void truncatingASetRemovesItsRecordsAndKeepsOtherSets() throws Exception {
        AerospikeClient client = SERVER.client();
        for (int i = 0; i < 100; i++) {
            client.put(null, new Key("test", "trunc-a", i), new Bin("i", i));
            client.put(null, new Key("test", "trunc-b", i), new Bin("i", i));
        }
        client.truncate(null, "test", "trunc-a", null);
        assertThat(client.get(null, new Key("test", "trunc-a", 7))).isNull();
        assertThat(client.get(null, new Key("test", "trunc-b", 7))).isNotNull();
        AtomicInteger scanned = new AtomicInteger();
        client.scanAll(null, "test", "trunc-a", (key, record) -> scanned.incrementAndGet());
        assertThat(scanned).hasValue(0);
        Thread.sleep(5); // a later millisecond than the cut-off
        client.put(null, new Key("test", "trunc-a", 7), new Bin("i", 70));
        assertThat(client.get(null, new Key("test", "trunc-a", 7)).getInt("i")).isEqualTo(70);
        // Every copy of the truncated records is purged: one record left, on each of its replicas.
        Await.until("background purge of trunc-a", Duration.ofSeconds(10),
                () -> objectsOnEveryNode("trunc-a") == SERVER.copies());
    }

    /** The set's {@code objects} summed over every server (each copy counts). */
    private static long objectsOnEveryNode(String set) {
        long objects = 0;
        for (TernServerProcess node : SERVER.servers()) {
            String count = InfoValues.keyValues(node.info("sets/test/" + set).get("sets/test/" + set), ':')
                    .get("objects");
            objects += count == null ? 0 : Long.parseLong(count); // a node that never held the set has none
        }
        return objects;
    }

    @Test
    void truncatingBeforeALastUpdateTimeKeepsNewerRecords() throws Exception {
        AerospikeClient client = SERVER.client();
        for (int i = 0; i < 50; i++) {
            client.put(null, new Key("test", "trunc-lut", i), new Bin("i", i));
        }
        Thread.sleep(20);
        Calendar cutoff = Calendar.getInstance();
        Thread.sleep(20);
        for (int i = 50; i < 60; i++) {
            client.put(null, new Key("test", "trunc-lut", i), new Bin("i", i));
        }
        client.truncate(null, "test", "trunc-lut", cutoff);
        assertThat(client.get(null, new Key("test", "trunc-lut", 10))).isNull();
        assertThat(client.get(null, new Key("test", "trunc-lut", 55))).isNotNull();
    }

    @Test
    void truncateNamespaceAndBadRequestsAnswerAsTheOriginal() {
        String nanosInTheFuture = Long.toString((System.currentTimeMillis() + 3_600_000) * 1_000_000);
        assertThat(Info.request(SERVER.node(), "truncate:namespace=test;set=x;lut=" + nanosInTheFuture))
                .startsWith("ERROR");
        assertThat(Info.request(SERVER.node(), "truncate:namespace=nope;set=x")).startsWith("ERROR");
        assertThatThrownBy(() -> SERVER.client().truncate(null, "nope", null, null))
                .isInstanceOf(AerospikeException.class);
        assertThat(Info.request(SERVER.node(), "truncate-undo:namespace=test;set=x")).isEqualTo("ok");
    }
}
