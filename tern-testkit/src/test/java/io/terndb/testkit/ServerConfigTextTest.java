package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTextTest {

    private static final ServerConfigText CONFIG = new ServerConfigText("tern-it", 4000, 4002, 4001,
            List.of(ServerConfigText.DEFAULT_NAMESPACE), List.of());

    @Test
    void everyLineHoldsOneSettingOrOneBrace() {
        for (String line : CONFIG.render().lines().map(String::strip).toList()) {
            assertThat(line.split("\\s+").length).as("tokens of '%s'", line).isLessThanOrEqualTo(3);
            if (!line.equals("}")) {
                assertThat(line).as("a closing brace stands alone").doesNotContain("}");
            }
        }
    }

    @Test
    void bracesBalance() {
        String text = CONFIG.render();

        assertThat(text.chars().filter(c -> c == '{').count()).isEqualTo(text.chars().filter(c -> c == '}').count());
    }

    @Test
    void servicePortAndClusterNameAreWritten() {
        assertThat(CONFIG.render()).contains("\n        port 4000\n").contains("cluster-name tern-it\n");
    }

    @Test
    void aLoopbackServerIsToldNoAccessAddress() {
        assertThat(CONFIG.address()).isEqualTo("127.0.0.1");
        assertThat(CONFIG.render()).contains("        address 127.0.0.1\n").doesNotContain("access-address");
    }

    @Test
    void aServerInANamespaceBindsEverythingToItsAddressAndAdvertisesIt() {
        ServerConfigText config = new ServerConfigText("tern-it", 3000, 3002, 3001,
                List.of(ServerConfigText.DEFAULT_NAMESPACE), List.of(),
                new ServerConfigText.Cluster(0, List.of("10.251.7.3:3002"), 150, 10, -1), "10.251.7.2");

        String text = config.render();

        assertThat(text.split("\n        address 10\\.251\\.7\\.2\n", -1)).hasSize(4);
        assertThat(text).contains("access-address 10.251.7.2\n").doesNotContain("127.0.0.1")
                .contains("mesh-seed-address-port 10.251.7.3 3002\n");
    }
}
