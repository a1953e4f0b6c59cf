package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code nsup-period 1} the namespace supervisor removes expired records by itself: nothing reads them here,
 * so only the supervisor can make them leave the counts.
 */
class NamespaceSupervisorTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final Duration SUPERVISOR_WAIT = Duration.ofSeconds(15);

    private String set;

    @BeforeEach
    void nameSet(TestInfo info) {
        set = TestSets.of(info);
    }

    private static long namespaceStatistic(String name) {
        String value = InfoValues.keyValues(Info.request(SERVER.node(), "namespace/test"), ';').get(name);
        assertThat(value).as("namespace/test statistic %s", name).isNotNull();
        return Long.parseLong(value);
    }

    private void putWithTtlOne(int count) {
        WritePolicy policy = new WritePolicy(SERVER.client().getWritePolicyDefault());
        policy.expiration = 1;
        for (int i = 0; i < count; i++) {
            SERVER.client().put(policy, new Key("test", set, i), new Bin("a", i));
        }
    }

    @Test
    void expiredRecordsLeaveTheObjectCountWhileOthersStay() {
        long before = namespaceStatistic("objects");

        putWithTtlOne(5);
        SERVER.client().put(null, new Key("test", set, "stays"), new Bin("a", -1));

        Await.until("objects to settle at " + (before + 1), SUPERVISOR_WAIT, () -> namespaceStatistic("objects"),
                objects -> objects == before + 1);
        assertThat(SERVER.client().exists(null, new Key("test", set, "stays"))).isTrue();
    }

    @Test
    void expiredRecordsAreCountedAsExpiredObjects() {
        long before = namespaceStatistic("expired_objects");

        putWithTtlOne(3);

        Await.until("expired_objects to reach " + (before + 3), SUPERVISOR_WAIT,
                () -> namespaceStatistic("expired_objects"), expired -> expired >= before + 3);
        assertThat(namespaceStatistic("expired_objects")).isEqualTo(before + 3);
    }
}
