package io.terndb.server.info;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoCommandTest {

    @Test
    void parsesNameArgumentsAndParameters() {
        InfoCommand command = InfoCommand.parse("truncate:namespace=test;set=demo;lut=5");
        assertThat(command.name()).isEqualTo("truncate");
        assertThat(command.parameters()).containsExactly(Map.entry("namespace", "test"), Map.entry("set", "demo"),
                Map.entry("lut", "5"));
        InfoCommand sets = InfoCommand.parse("sets/test/demo");
        assertThat(sets.name()).isEqualTo("sets");
        assertThat(sets.arguments()).containsExactly("test", "demo");
    }

    @Test
    void namesLongerThanThirtyOneCharactersAreUnknown() {
        assertThat(InfoCommand.parse("x".repeat(32)).name()).isEmpty();
    }

    @Test
    void replicasClaimsAllPartitionsInTheOriginalsEncoding() {
        assertThat(InfoCommands.ALL_PARTITIONS).hasSize(684).startsWith("////").endsWith("/8=");
        assertThat(InfoCommands.NO_PARTITIONS).isEqualTo("A".repeat(683) + "=");
    }
}
