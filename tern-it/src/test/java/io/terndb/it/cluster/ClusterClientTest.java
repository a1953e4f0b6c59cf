package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.Replica;
import com.aerospike.client.policy.ScanPolicy;
import io.terndb.it.TernServerExtension;
import io.terndb.testkit.TernCluster;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The official client on a three-node cluster: discovery from one seed, routing, replicas, batch, scan, truncate. */
class ClusterClientTest {

    private static final int RECORDS = 3_000;
    private static TernCluster cluster;
    private static AerospikeClient client;

    @BeforeAll
    static void start() {
        cluster = TernCluster.builder().nodes(3).start();
        cluster.awaitStable(3, Duration.ofSeconds(30));
        ClientPolicy policy = TernServerExtension.patientClientPolicy();
        client = new AerospikeClient(policy, "127.0.0.1", cluster.node(0).port());
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
    void aClientSeededWithOneNodeFindsAllThree() {
        assertThat(client.getNodes()).hasSize(3);
    }

    @Test
    void everyRecordIsStoredTwiceAndReadBackFromEveryReplica() {
        for (int i = 0; i < RECORDS; i++) {
            client.put(null, new Key("test", "copies", i), new Bin("i", i), new Bin("s", "value-" + i));
        }
        long objects = 0;
        for (int node = 0; node < 3; node++) {
            objects += ClusterInfo.objects(cluster.node(node), "test");
        }
        assertThat(objects).isGreaterThanOrEqualTo(2L * RECORDS);
        for (Replica replica : new Replica[] {Replica.MASTER, Replica.SEQUENCE, Replica.MASTER_PROLES}) {
            com.aerospike.client.policy.Policy read = new com.aerospike.client.policy.Policy(client.readPolicyDefault);
            read.replica = replica;
            for (int i = 0; i < RECORDS; i += 7) {
                Record record = client.get(read, new Key("test", "copies", i));
                assertThat(record).as("record %d read with %s", i, replica).isNotNull();
                assertThat(record.getInt("i")).isEqualTo(i);
            }
        }
    }

    @Test
    void batchesAndScansSpanEveryNode() {
        Key[] keys = new Key[500];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new Key("test", "spread", i);
            client.put(null, keys[i], new Bin("i", i));
        }
        Record[] records = client.get(null, keys);
        for (int i = 0; i < keys.length; i++) {
            assertThat(records[i]).as("batch row %d", i).isNotNull();
            assertThat(records[i].getInt("i")).isEqualTo(i);
        }
        AtomicLong scanned = new AtomicLong();
        client.scanAll(new ScanPolicy(), "test", "spread", (key, record) -> scanned.incrementAndGet());
        assertThat(scanned.get()).isEqualTo(keys.length);
    }

    @Test
    void aTruncateOnOneNodeTruncatesTheCluster() throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            client.put(null, new Key("test", "doomed", i), new Bin("i", i));
        }
        Thread.sleep(5); // the cut-off is now: records must be older than it
        assertThat(cluster.node(1).info("truncate:namespace=test;set=doomed").get("truncate:namespace=test;set=doomed"))
                .isEqualTo("ok");
        // The cut-off reaches the other nodes as system metadata within a tick of their agents.
        for (int node = 0; node < 3; node++) {
            int index = node;
            io.terndb.testkit.Await.until("node " + node + " has the cut-off", Duration.ofSeconds(5),
                    () -> !cluster.node(index).info("sets/test/doomed").get("sets/test/doomed")
                            .contains("truncate_lut=0:"));
        }
        for (int i = 0; i < 300; i++) {
            assertThat(client.get(null, new Key("test", "doomed", i))).as("truncated record %d", i).isNull();
        }
        for (int node = 0; node < 3; node++) {
            String sets = cluster.node(node).info("sets/test/doomed").get("sets/test/doomed");
            assertThat(sets).as("node %d", node).contains("truncate_lut=").doesNotContain("truncate_lut=0:");
        }
    }
}
