package io.terndb.client.internal.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.Host;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The peers and replicas reply formats of reference §2.3. */
class InfoParsersTest {

    @Test
    void parsesPeersWithDefaultAndExplicitPorts() {
        Peers peers = Peers.parse("12,3000,[[BB9040011AC4202,,[172.17.0.4]],[BB9030011AC4202,,[172.17.0.3:3100]]]");
        assertThat(peers.generation()).isEqualTo(12);
        assertThat(peers.peers()).containsExactly(
                new Peers.Peer("BB9040011AC4202", List.of(new Host("172.17.0.4", 3000))),
                new Peers.Peer("BB9030011AC4202", List.of(new Host("172.17.0.3", 3100))));
    }

    @Test
    void parsesAnEmptyPeerListAndIpv6Hosts() {
        assertThat(Peers.parse("1,3000,[]").peers()).isEmpty();
        Peers peers = Peers.parse("3,3000,[[N1,,[[fe80::1]:3100,10.0.0.1]]]");
        assertThat(peers.peers().get(0).hosts()).containsExactly(new Host("fe80::1", 3100), new Host("10.0.0.1", 3000));
    }

    @Test
    void refusesMalformedPeers() {
        assertThatThrownBy(() -> Peers.parse("1,3000,[[N1,,[10.0.0.1]")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesReplicasOfSeveralNamespaces() {
        String all = "/".repeat(682) + "8=";
        String none = "A".repeat(683) + "=";
        Replicas replicas = Replicas.parse("test:0,2," + all + "," + none + ";bar:0,1," + none);
        assertThat(replicas.namespaces()).hasSize(2);
        Replicas.Namespace test = replicas.namespaces().get(0);
        assertThat(test.replicaCount()).isEqualTo(2);
        assertThat(test.owns(0, 4095)).isTrue();
        assertThat(test.owns(1, 0)).isFalse();
        assertThat(replicas.namespaces().get(1).name()).isEqualTo("bar");
    }

    @Test
    void partitionZeroIsTheHighBitOfTheFirstByte() {
        Replicas replicas = Replicas.parse("test:0,1,gAAA" + "A".repeat(679) + "=");
        assertThat(replicas.namespaces().get(0).owns(0, 0)).isTrue();
        assertThat(replicas.namespaces().get(0).owns(0, 1)).isFalse();
    }

    @Test
    void refusesAMissingBitmap() {
        assertThatThrownBy(() -> Replicas.parse("test:0,2,AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
