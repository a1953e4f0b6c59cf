package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Info;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.terndb.testkit.TernServerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official client seeds from a single TernDB node exactly as from a one-node Aerospike cluster. */
class ClientConnectTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    @Test
    void clientWithDefaultPolicyConnectsToOneNode() {
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", SERVER.port())) {
            assertThat(client.isConnected()).isTrue();
            assertThat(client.getNodes()).hasSize(1);
        }
    }

    @Test
    void nodeNameIsWhatInfoNodeAnswers() {
        try (AerospikeClient client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", SERVER.port())) {
            Node node = client.getNodes()[0];

            assertThat(node.getName()).isEqualTo(Info.request(node, "node"));
        }
    }

    @Test
    void clientConnectsWhenClusterNameMatches() {
        ClientPolicy policy = new ClientPolicy();
        policy.clusterName = TernServerBuilder.DEFAULT_CLUSTER_NAME;

        try (AerospikeClient client = new AerospikeClient(policy, "127.0.0.1", SERVER.port())) {
            assertThat(client.isConnected()).isTrue();
            assertThat(client.getNodes()).hasSize(1);
        }
    }

    @Test
    void clientRefusesNodeWithDifferentClusterName() {
        ClientPolicy policy = new ClientPolicy();
        policy.clusterName = "some-other-cluster";

        assertThatThrownBy(() -> new AerospikeClient(policy, "127.0.0.1", SERVER.port()).close())
                .isInstanceOf(AerospikeException.class);
    }

    @Test
    void infoClusterNameAnswersTheConfiguredName() {
        assertThat(Info.request(SERVER.node(), "cluster-name")).isEqualTo(TernServerBuilder.DEFAULT_CLUSTER_NAME);
    }
}
