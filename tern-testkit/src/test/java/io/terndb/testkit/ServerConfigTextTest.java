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
}
