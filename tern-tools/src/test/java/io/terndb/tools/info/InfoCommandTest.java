package io.terndb.tools.info;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.tools.Tern;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class InfoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... arguments) {
        CommandLine commandLine = Tern.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(arguments);
    }

    @Test
    void sendsStatusWhenNoCommandIsGivenAndPrintsJustTheValue() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("status\tok\n")) {
            int exitCode = execute("info", "-p", String.valueOf(server.port()));

            assertThat(exitCode).isZero();
            assertThat(out.toString()).isEqualTo("ok" + System.lineSeparator());
            assertThat(new String(server.request(), StandardCharsets.UTF_8)).endsWith("status\n");
        }
    }

    @Test
    void printsCommandAndValuePerLineForSeveralCommands() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("status\tok\nbuild\t0.1.0\n")) {
            int exitCode = execute("info", "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "status", "build");

            assertThat(exitCode).isZero();
            assertThat(out.toString().lines()).containsExactly("status: ok", "build: 0.1.0");
        }
    }

    @Test
    void printsErrorValueToStandardErrorAndExitsOne() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("bogus\tERROR::unrecognized command\n")) {
            int exitCode = execute("info", "-p", String.valueOf(server.port()), "bogus");

            assertThat(exitCode).isEqualTo(1);
            assertThat(out.toString()).isEmpty();
            assertThat(err.toString()).contains("ERROR::unrecognized command");
        }
    }

    @Test
    void treatsFailValueAsErrorButStillPrintsTheOtherAnswers() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("status\tok\nset-config\tFAIL:4\n")) {
            int exitCode = execute("info", "-p", String.valueOf(server.port()), "status", "set-config");

            assertThat(exitCode).isEqualTo(1);
            assertThat(out.toString().lines()).containsExactly("status: ok");
            assertThat(err.toString()).contains("set-config: FAIL:4");
        }
    }

    @Test
    void explainsConnectionFailureAndExitsOne() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }

        int exitCode = execute("info", "-p", String.valueOf(port), "status");

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void explainsBadHeaderAndExitsOne() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(new byte[] {7, 7, 0, 0, 0, 0, 0, 0})) {
            int exitCode = execute("info", "-p", String.valueOf(server.port()));

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).contains("bad answer from 127.0.0.1:" + server.port());
        }
    }
}
