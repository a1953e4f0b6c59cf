package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two fake nodes over real sockets, each master of half the partitions and replica of the other half: commands go
 * to the partition's master (one hop), and when a node dies reads move to the replica at once and, once the
 * survivor claims the partitions, writes follow.
 */
class MultiNodeRoutingTest {

    private static final int KEYS = 200;

    private FakeServer even;
    private FakeServer odd;
    private TernClient client;

    static String bitmap(IntPredicate owned) {
        byte[] bits = new byte[512];
        for (int partitionId = 0; partitionId < 4096; partitionId++) {
            if (owned.test(partitionId)) {
                bits[partitionId >> 3] |= (byte) (0x80 >> (partitionId & 7));
            }
        }
        return Base64.getEncoder().encodeToString(bits);
    }

    @BeforeEach
    void start() throws Exception {
        even = new FakeServer("EVEN");
        odd = new FakeServer("ODD");
        even.replicas("test:0,2," + bitmap(id -> id % 2 == 0) + "," + bitmap(id -> id % 2 == 1));
        odd.replicas("test:0,2," + bitmap(id -> id % 2 == 1) + "," + bitmap(id -> id % 2 == 0));
        even.peers("[" + odd.asPeer() + "]");
        odd.peers("[" + even.asPeer() + "]");
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", even.port())
                .tendInterval(Duration.ofMillis(50)).build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        even.close();
        odd.close();
    }

    private static List<Key> keys() {
        return java.util.stream.IntStream.range(0, KEYS).mapToObj(i -> new Key("test", "s", i)).toList();
    }

    @Test
    void seedFindsItsPeerAndEveryCommandGoesToThePartitionsMaster() {
        assertThat(client.nodeNames()).containsExactly("EVEN", "ODD");
        long evenKeys = keys().stream().filter(key -> key.partitionId() % 2 == 0).count();

        for (Key key : keys()) {
            client.put(key, new Bin("a", 1));
        }
        client.async().get(keys().toArray(new Key[0])).join();

        assertThat(even.dataRequests.get()).isEqualTo((int) evenKeys + 1); // one batch for its keys
        assertThat(odd.dataRequests.get()).isEqualTo(KEYS - (int) evenKeys + 1);
    }

    @Test
    void readsMoveToTheReplicaWhenANodeDiesAndWritesFollowOnceTheSurvivorClaimsIt() throws Exception {
        odd.close();

        Policy oneRetry = Policy.builder().maxRetries(1).build();
        for (Key key : keys()) {
            assertThat(client.exists(oneRetry, key)).isTrue(); // odd partitions: first attempt fails, replica answers
        }
        assertThat(even.dataRequests.get()).isEqualTo(KEYS);

        even.peers("[]");
        even.replicas("test:0,1," + bitmap(id -> true));
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (client.nodeNames().size() > 1 && System.nanoTime() < deadlineNs) {
            Thread.sleep(20);
        }
        Thread.sleep(200); // a tend or two to read EVEN's new claims
        assertThat(client.nodeNames()).containsExactly("EVEN");
        for (Key key : keys()) {
            client.put(key, new Bin("a", 2)); // writes get no retries: they must go to EVEN straight away
        }
        assertThat(even.dataRequests.get()).isEqualTo(2 * KEYS);
    }
}
