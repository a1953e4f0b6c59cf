package io.terndb.cluster.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointsTest {

    @Test
    void ipLiteralsComeBackResolvedWithoutALookup() {
        InetSocketAddress v4 = Endpoints.parse("10.1.2.3:3002");
        InetSocketAddress v6 = Endpoints.parse("[fe80::1]:3001");

        assertThat(v4.isUnresolved()).isFalse();
        assertThat(v4.getAddress().getHostAddress()).isEqualTo("10.1.2.3");
        assertThat(v4.getPort()).isEqualTo(3002);
        assertThat(v6.isUnresolved()).isFalse();
        assertThat(v6.getPort()).isEqualTo(3001);
        assertThat(Endpoints.format(v4)).isEqualTo("10.1.2.3:3002");
        assertThat(Endpoints.format(v6)).isEqualTo("[fe80::1]:3001");
    }

    @Test
    void hostNamesComeBackUnresolvedForTheTransportToLookUp() {
        InetSocketAddress address = Endpoints.parse("node-7.example:3002");

        assertThat(address.isUnresolved()).isTrue();
        assertThat(address.getHostString()).isEqualTo("node-7.example");
        assertThat(Endpoints.format(address)).isEqualTo("node-7.example:3002");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3002", ":3002", "host:", "host:port", "host:70000", "::1:3002", "[::1:3002", "[]:1"})
    void rejectsWhatIsNotHostColonPort(String endpoint) {
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoints.parse(endpoint))
                .withMessageContaining("endpoint=" + endpoint);
    }
}
