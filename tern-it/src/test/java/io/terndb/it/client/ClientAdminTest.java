package io.terndb.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.Bin;
import io.terndb.client.ClientMetrics;
import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.TernClient;
import io.terndb.client.TernException;
import io.terndb.protocol.ResultCode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Info, truncate, node discovery and metrics of our client against a real server. */
class ClientAdminTest {

    @RegisterExtension
    static final TernClientExtension SERVER = new TernClientExtension();

    @Test
    void discoversTheOneNodeByName() {
        String node = SERVER.server().info("node").get("node");
        assertThat(SERVER.client().nodeNames()).containsExactly(node);
    }

    @Test
    void infoReturnsValuesByCommand() {
        Map<String, String> values = SERVER.client().info("namespaces", "partitions");
        assertThat(values).containsEntry("namespaces", "test").containsEntry("partitions", "4096");
        assertThat(SERVER.client().infoOnNode(SERVER.client().nodeNames().get(0), "status"))
                .containsEntry("status", "ok");
    }

    @Test
    void truncateRemovesTheSetsRecordsUpToTheCutoff() throws InterruptedException {
        TernClient client = SERVER.client();
        Key old = new Key("test", "client-trunc", 1);
        client.put(old, new Bin("a", 1));
        Thread.sleep(5);
        client.truncate("test", "client-trunc", Instant.now());
        Thread.sleep(5);
        Key newer = new Key("test", "client-trunc", 2);
        client.put(newer, new Bin("a", 2));
        assertThat(client.get(old)).isNull();
        assertThat(client.get(newer)).isNotNull();
    }

    @Test
    void truncateOfAnUnknownNamespaceIsAParameterError() {
        assertThatThrownBy(() -> SERVER.client().truncate("nope", "any", Instant.now()))
                .isInstanceOf(TernException.class)
                .satisfies(e -> assertThat(((TernException) e).resultCode()).isEqualTo(ResultCode.PARAMETER_ERROR))
                .hasMessageContaining("truncate:namespace=nope;set=any;lut=");
    }

    @Test
    void metricsCountCommandsPerKindAndNode() {
        TernClient client = SERVER.client();
        Key key = new Key("test", "metrics", 1);
        for (int i = 0; i < 10; i++) {
            client.put(key, new Bin("a", i));
            client.get(key);
        }
        client.async().get(key).join();

        ClientMetrics metrics = client.metrics();

        assertThat(metrics.commands().get(CommandKind.PUT).count()).isGreaterThanOrEqualTo(10);
        assertThat(metrics.commands().get(CommandKind.GET).count()).isGreaterThanOrEqualTo(11);
        assertThat(metrics.commands().get(CommandKind.GET).percentileNs(50)).isPositive();
        ClientMetrics.NodeMetrics node = metrics.nodes().get(client.nodeNames().get(0));
        assertThat(node.latency().count()).isGreaterThanOrEqualTo(21);
        assertThat(node.connectionsOpen()).isPositive();
        assertThat(metrics.connectionsOpened()).isGreaterThanOrEqualTo(2); // a sync and an async socket at least
    }
}
