package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.Await;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Eviction above evict-used-pct: the records nearest to expiry go first; records that never expire stay. */
class EvictionTest {

    /** 1% of 512 MiB: about 5.4 MB of data passes the line. */
    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension(builder -> builder.namespace("""
            namespace test {
                replication-factor 1
                nsup-period 1
                storage-engine memory {
                    data-size 512M
                    evict-used-pct 1
                }
            }
            """));

    @Test
    void evictsTheRecordsNearestToExpiryUntilBelowTheThreshold() {
        AerospikeClient client = SERVER.client();
        byte[] value = new byte[1000];
        for (int i = 0; i < 2000; i++) {
            client.put(null, new Key("test", "forever", i), new Bin("v", value));
        }
        for (int i = 0; i < 6000; i++) {
            WritePolicy policy = new WritePolicy();
            policy.expiration = 10_000 + i; // later keys expire later
            client.put(policy, new Key("test", "expiring", i), new Bin("v", value));
        }
        Await.until("eviction", Duration.ofSeconds(20), () -> !namespace().get("evicted_objects").equals("0"));
        Await.until("hwm_breached false", Duration.ofSeconds(20),
                () -> namespace().get("hwm_breached").equals("false"));
        Map<String, String> stats = namespace();
        long used = Long.parseLong(stats.get("data_used_bytes"));
        long total = Long.parseLong(stats.get("data_total_bytes"));
        assertThat(used * 100).isLessThanOrEqualTo(total);
        assertThat(client.get(null, new Key("test", "expiring", 0))).as("nearest to expiry").isNull();
        assertThat(client.get(null, new Key("test", "expiring", 5999))).as("furthest from expiry").isNotNull();
        for (int i = 0; i < 2000; i += 97) {
            assertThat(client.get(null, new Key("test", "forever", i))).as("never expires: never evicted")
                    .isNotNull();
        }
    }

    private static Map<String, String> namespace() {
        return InfoValues.keyValues(Info.request(SERVER.node(), "namespace/test"), ';');
    }
}
