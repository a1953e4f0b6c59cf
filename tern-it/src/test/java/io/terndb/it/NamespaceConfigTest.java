package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.ServerConfigText;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings of each namespace in the configuration file act on that namespace only. */
class NamespaceConfigTest {

    private static final String NO_SUPERVISOR = """
            namespace nonsup {
                replication-factor 1
                default-ttl 0
                nsup-period 0
                max-record-size 64K
                storage-engine memory {
                    data-size 512M
                }
            }
            """;
    private static final String WITH_DEFAULT_TTL = """
            namespace withttl {
                replication-factor 1
                default-ttl 100
                nsup-period 1
                storage-engine memory {
                    data-size 512M
                }
            }
            """;

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension(builder -> builder
            .namespace(ServerConfigText.DEFAULT_NAMESPACE)
            .namespace(NO_SUPERVISOR)
            .namespace(WITH_DEFAULT_TTL));

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    private static WritePolicy expiration(int seconds) {
        WritePolicy policy = new WritePolicy(SERVER.client().getWritePolicyDefault());
        policy.expiration = seconds;
        return policy;
    }

    private static Map<String, String> namespaceInfo(String namespace) {
        return InfoValues.keyValues(Info.request(SERVER.node(), "namespace/" + namespace), ';');
    }

    @Test
    void namespacesListsEveryConfiguredNamespaceInOrder() {
        assertThat(Info.request(SERVER.node(), "namespaces")).isEqualTo("test;nonsup;withttl");
    }

    @Test
    void namespaceInfoReportsItsOwnSettings() {
        assertThat(namespaceInfo("nonsup")).containsEntry("nsup-period", "0")
                .containsEntry("default-ttl", "0")
                .containsEntry("max-record-size", "65536");
        assertThat(namespaceInfo("withttl")).containsEntry("default-ttl", "100")
                .containsEntry("nsup-period", "1");
    }

    @Test
    void writeWithTtlToNamespaceWithoutSupervisorFailsWithForbidden() {
        Key key = new Key("nonsup", set, "k");

        ResultCodes.assertFailsWith(ResultCode.FAIL_FORBIDDEN, () -> client.put(expiration(100), key, new Bin("a", 1)));

        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void writeWithoutTtlToNamespaceWithoutSupervisorIsAccepted() {
        client.put(expiration(-1), new Key("nonsup", set, "never"), new Bin("a", 1));
        client.put(expiration(0), new Key("nonsup", set, "default"), new Bin("a", 2));

        assertThat(client.get(null, new Key("nonsup", set, "never")).getTimeToLive()).isEqualTo(-1);
        assertThat(client.get(null, new Key("nonsup", set, "default")).getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void maxRecordSizeIsEnforcedPerNamespace() {
        byte[] blob = new byte[100 * 1024];

        ResultCodes.assertFailsWith(ResultCode.RECORD_TOO_BIG,
                () -> client.put(null, new Key("nonsup", set, "k"), new Bin("b", blob)));
        client.put(null, new Key("test", set, "k"), new Bin("b", blob));

        assertThat(client.exists(null, new Key("nonsup", set, "k"))).isFalse();
        assertThat(client.get(null, new Key("test", set, "k")).getBytes("b")).hasSize(blob.length);
    }

    @Test
    void expirationZeroUsesTheNamespaceDefaultTtl() {
        Key key = new Key("withttl", set, "k");

        client.put(expiration(0), key, new Bin("a", 1));

        assertThat(client.get(null, key).getTimeToLive()).isBetween(95, 100);
    }

    @Test
    void sameKeyInTwoNamespacesNamesTwoRecords() {
        client.put(null, new Key("test", set, "k"), new Bin("a", 1));
        client.put(null, new Key("withttl", set, "k"), new Bin("a", 2));

        assertThat(client.get(null, new Key("test", set, "k")).getLong("a")).isEqualTo(1);
        assertThat(client.get(null, new Key("withttl", set, "k")).getLong("a")).isEqualTo(2);
    }
}
