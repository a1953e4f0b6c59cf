package io.terndb.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.tools.Tern;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ArgumentsTest {
    @Test
    void parsesHostAndPortAtTheLastColon() {
        assertThat(HostPort.parse("127.0.0.1:3000")).isEqualTo(new HostPort("127.0.0.1", 3000));
        assertThat(HostPort.parse("db.example:6379").toString()).isEqualTo("db.example:6379");
    }

    @Test
    void rejectsAddressWithoutUsablePort() {
        for (String text : new String[] {"localhost", ":3000", "localhost:", "localhost:http", "localhost:70000"}) {
            assertThatThrownBy(() -> HostPort.parse(text)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rejectsWorkloadOutsideItsLimitsNamingTheValue() {
        assertThatThrownBy(() -> new Workload(0, 1, 1, 50, Duration.ZERO, Duration.ofSeconds(1), 1))
                .hasMessageContaining("threads=0");
        assertThatThrownBy(() -> new Workload(1, 1, 1, 101, Duration.ZERO, Duration.ofSeconds(1), 1))
                .hasMessageContaining("readPercent=101");
        assertThatThrownBy(() -> new Workload(1, 1, 1, 50, Duration.ZERO, Duration.ZERO, 1))
                .hasMessageContaining("measured=");
    }

    @Test
    void sameSeedGivesSameValue() {
        Workload first = new Workload(1, 1, 100, 50, Duration.ZERO, Duration.ofSeconds(1), 9);
        Workload second = new Workload(4, 10, 100, 90, Duration.ZERO, Duration.ofSeconds(2), 9);

        assertThat(first.randomValue()).hasSize(100).isEqualTo(second.randomValue());
    }

    @Test
    void commandLineRejectsBadOptionWithUsageExitCode() {
        CommandLine commandLine = Tern.commandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("bench-peers", "--read-pct", "150", "--only", "redis");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("readPercent=150");
    }
}
