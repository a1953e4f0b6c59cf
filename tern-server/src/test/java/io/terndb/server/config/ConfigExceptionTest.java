package io.terndb.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void messageIsFileColonLineColonReason() {
        ConfigException e = new ConfigException("/etc/aerospike.conf", 12, "unknown setting 'foo' in namespace test");

        assertThat(e.getMessage()).isEqualTo("/etc/aerospike.conf:12: unknown setting 'foo' in namespace test");
        assertThat(e.fileName()).isEqualTo("/etc/aerospike.conf");
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.reason()).isEqualTo("unknown setting 'foo' in namespace test");
    }

    @Test
    void lineZeroConcernsTheWholeFileAndIsLeftOutOfTheMessage() {
        ConfigException e = new ConfigException("a.conf", 0, "cannot read the configuration file");

        assertThat(e.getMessage()).isEqualTo("a.conf: cannot read the configuration file");
    }

    @Test
    void rejectsNegativeLine() {
        assertThatThrownBy(() -> new ConfigException("a.conf", -1, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line=-1");
    }
}
