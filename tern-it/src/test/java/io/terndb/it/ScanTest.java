package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ScanPolicy;
import com.aerospike.client.query.PartitionFilter;
import io.terndb.testkit.AsMsgBuilder;
import io.terndb.testkit.AsMsgLayout;
import io.terndb.testkit.AsMsgReply;
import io.terndb.testkit.RawConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Partition scans (reference §8.3) over a set of 1000 records written once for the class. */
class ScanTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final String SET = "scan-thousand";
    private static final int RECORDS = 1000;
    private static final int PARTITIONS = 4096;
    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);

    @BeforeAll
    static void writeRecords() {
        for (int i = 0; i < RECORDS; i++) {
            SERVER.client().put(null, new Key("test", SET, i), new Bin("a", i), new Bin("b", "b" + i),
                    new Bin("c", -i));
        }
        SERVER.client().put(null, new Key("test", SET + "-other", 0), new Bin("a", -1));
    }

    /** Everything one scan delivered, in delivery order. */
    private record Scanned(Key key, Record record) {
        String digest() {
            return HexFormat.of().formatHex(key.digest);
        }

        int partition() {
            return ((key.digest[0] & 0xFF) | (key.digest[1] & 0xFF) << 8) & (PARTITIONS - 1);
        }
    }

    private static List<Scanned> scanPartitions(ScanPolicy policy, PartitionFilter filter, String... bins) {
        List<Scanned> scanned = new CopyOnWriteArrayList<>();
        client().scanPartitions(policy, filter, "test", SET, (key, record) -> scanned.add(new Scanned(key, record)),
                bins);
        return scanned;
    }

    private static AerospikeClient client() {
        return SERVER.client();
    }

    private static void assertEachRecordOnceWithItsBins(List<Scanned> scanned) {
        assertThat(scanned).extracting(Scanned::digest).doesNotHaveDuplicates();
        assertThat(scanned).extracting(each -> each.record().getLong("a"))
                .containsExactlyInAnyOrderElementsOf(LongStream.range(0, RECORDS).boxed().toList());
        for (Scanned each : scanned) {
            long a = each.record().getLong("a");
            assertThat(each.record().bins).containsEntry("b", "b" + a).containsEntry("c", -a);
        }
    }

    @Test
    void scanAllReturnsEveryRecordOfTheSetOnceWithItsBins() {
        List<Scanned> scanned = new CopyOnWriteArrayList<>();

        client().scanAll(null, "test", SET, (key, record) -> scanned.add(new Scanned(key, record)));

        assertEachRecordOnceWithItsBins(scanned);
        assertThat(scanned).allSatisfy(each -> {
            assertThat(each.key().namespace).isEqualTo("test");
            assertThat(each.key().setName).isEqualTo(SET);
        });
    }

    @Test
    void scanOfTwoPartitionHalvesReturnsEveryRecordOnce() {
        List<Scanned> low = scanPartitions(null, PartitionFilter.range(0, PARTITIONS / 2));
        List<Scanned> high = scanPartitions(null, PartitionFilter.range(PARTITIONS / 2, PARTITIONS / 2));

        assertThat(low).allSatisfy(each -> assertThat(each.partition()).isLessThan(PARTITIONS / 2));
        assertThat(high).allSatisfy(each -> assertThat(each.partition()).isGreaterThanOrEqualTo(PARTITIONS / 2));
        assertEachRecordOnceWithItsBins(concat(low, high));
    }

    @Test
    void scanOfOnePartitionReturnsOnlyItsRecords() {
        Key key = new Key("test", SET, 7);
        int partition = new Scanned(key, null).partition();

        List<Scanned> scanned = scanPartitions(null, PartitionFilter.id(partition));

        assertThat(scanned).extracting(Scanned::partition).containsOnly(partition);
        assertThat(scanned).extracting(each -> each.record().getLong("a")).contains(7L);
    }

    @Test
    void pagedScanWithMaxRecordsResumesUntilEveryRecordIsReturnedOnce() {
        ScanPolicy policy = new ScanPolicy(client().getScanPolicyDefault());
        policy.maxRecords = 100;
        PartitionFilter filter = PartitionFilter.all();
        List<Scanned> scanned = new CopyOnWriteArrayList<>();
        int pages = 0;

        while (!filter.isDone()) {
            List<Scanned> page = scanPartitions(policy, filter);
            assertThat(page.size()).as("records in page %d", pages).isLessThanOrEqualTo(100);
            scanned.addAll(page);
            pages++;
            assertThat(pages).as("pages needed for %d records", RECORDS).isLessThanOrEqualTo(RECORDS / 100 + 2);
        }

        assertEachRecordOnceWithItsBins(scanned);
    }

    @Test
    void scanWithNamedBinsReturnsOnlyThoseBins() {
        List<Scanned> scanned = new CopyOnWriteArrayList<>();

        client().scanAll(null, "test", SET, (key, record) -> scanned.add(new Scanned(key, record)), "a");

        assertThat(scanned).hasSize(RECORDS);
        assertThat(scanned).allSatisfy(each -> assertThat(each.record().bins).containsOnlyKeys("a"));
    }

    @Test
    void scanWithoutBinDataReturnsRecordsWithoutBins() {
        ScanPolicy policy = new ScanPolicy(client().getScanPolicyDefault());
        policy.includeBinData = false;
        List<Scanned> scanned = new CopyOnWriteArrayList<>();

        client().scanAll(policy, "test", SET, (key, record) -> scanned.add(new Scanned(key, record)));

        assertThat(scanned).hasSize(RECORDS);
        assertThat(scanned).extracting(Scanned::digest).doesNotHaveDuplicates();
        assertThat(scanned).allSatisfy(each -> {
            assertThat(each.record().bins).isNullOrEmpty();
            assertThat(each.record().generation).isEqualTo(1);
        });
    }

    @Test
    void scanOfMissingSetReturnsNothing() {
        List<Scanned> scanned = new CopyOnWriteArrayList<>();

        client().scanAll(null, "test", "no-such-set", (key, record) -> scanned.add(new Scanned(key, record)));

        assertThat(scanned).isEmpty();
    }

    @Test
    void scanOfWholeNamespaceIncludesRecordsOfEverySet() {
        Map<String, Integer> perSet = new ConcurrentHashMap<>();

        client().scanAll(null, "test", null, (key, record) -> perSet.merge(String.valueOf(key.setName), 1,
                Integer::sum));

        assertThat(perSet).containsEntry(SET, RECORDS).containsEntry(SET + "-other", 1);
    }

    /**
     * The request that follows a scan on the same connection is answered: the client pools connections, so its
     * next command (here an info request, then another scan) often travels on the socket a scan just used. On a
     * cluster the scan goes to the node that masters the set's one record; it also sends a partition-done marker
     * with result 11 for each partition that node does not serve (none on one node).
     */
    @Test
    void connectionAnswersTheNextRequestAfterEachScan() throws IOException {
        byte[] scan = AsMsgBuilder.request()
                .info1(AsMsgLayout.INFO1_READ).info3(AsMsgLayout.INFO3_PARTITION_DONE)
                .namespace("test").set(SET + "-other")
                .build();
        int port = SERVER.masterPort(new Key("test", SET + "-other", 0));
        int unservedPartitions = PARTITIONS - servedPartitions(port);
        try (RawConnection connection = RawConnection.open(port)) {
            for (int round = 0; round < 200; round++) {
                try {
                    connection.send(scan);
                    List<AsMsgReply> replies = connection.readRecordsUntilLast(REPLY_WAIT);
                    List<AsMsgReply> unserved = replies.stream().filter(reply -> reply.resultCode() == 11).toList();
                    assertThat(unserved).as("scan %d: a partition-done marker per partition served elsewhere", round)
                            .hasSize(unservedPartitions)
                            .allSatisfy(reply -> assertThat(reply.info3() & AsMsgLayout.INFO3_PARTITION_DONE)
                                    .isNotZero());
                    List<AsMsgReply> records = replies.stream().filter(reply -> reply.resultCode() != 11).toList();
                    assertThat(records).as("scan %d: one record, then LAST", round).hasSize(2);
                    assertThat(connection.info(REPLY_WAIT, "status")).containsEntry("status", "ok");
                } catch (SocketTimeoutException e) {
                    fail("round " + round + ": no answer within " + REPLY_WAIT + " on a connection that just scanned");
                }
            }
        }
    }

    /** How many partitions of {@code test} the node on {@code port} masters (all of them on one node). */
    private static int servedPartitions(int port) {
        for (io.terndb.testkit.TernServerProcess node : SERVER.servers()) {
            if (node.port() == port) {
                String replicas = node.info("replicas-master").get("replicas-master");
                for (String entry : replicas.split(";")) {
                    if (entry.startsWith("test:")) {
                        int served = 0;
                        for (byte bits : java.util.Base64.getDecoder().decode(entry.substring(5))) {
                            served += Integer.bitCount(bits & 0xFF);
                        }
                        return served;
                    }
                }
            }
        }
        throw new AssertionError("no server on port " + port);
    }

    private static List<Scanned> concat(List<Scanned> first, List<Scanned> second) {
        List<Scanned> all = new CopyOnWriteArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
