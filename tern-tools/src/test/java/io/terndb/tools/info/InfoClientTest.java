package io.terndb.tools.info;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfoClientTest {
    private static final int TIMEOUT_MS = 2_000;

    @Test
    void sendsEachCommandOnItsOwnLineBehindAnInfoHeader() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("status\tok\nbuild\t0.1.0\n")) {
            new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS).request(List.of("status", "build"));

            byte[] body = "status\nbuild\n".getBytes(StandardCharsets.UTF_8);
            byte[] expected = new byte[8 + body.length];
            expected[0] = 2;
            expected[1] = 1;
            expected[7] = (byte) body.length;
            System.arraycopy(body, 0, expected, 8, body.length);
            assertThat(server.request()).containsExactly(expected);
        }
    }

    @Test
    void returnsValuesByCommandInAnswerOrder() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answering("status\tok\nnamespaces\ttest;bar\n")) {
            Map<String, String> answers =
                    new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS).request(List.of("status", "namespaces"));

            assertThat(answers).containsExactly(Map.entry("status", "ok"), Map.entry("namespaces", "test;bar"));
        }
    }

    @Test
    void keepsTabsInsideValuesAndReadsLineWithoutTabAsEmptyValue() {
        Map<String, String> answers = InfoClient.decodeBody("a\tx\ty\nb\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answers).containsExactly(Map.entry("a", "x\ty"), Map.entry("b", ""));
    }

    @Test
    void reportsAnswerWithWrongVersionAsProtocolError() throws Exception {
        byte[] badHeader = {9, 1, 0, 0, 0, 0, 0, 3, 'o', 'k', '\n'};
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(badHeader)) {
            InfoClient client = new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS);

            assertThatThrownBy(() -> client.request(List.of("status")))
                    .isInstanceOf(InfoProtocolException.class)
                    .hasMessageContaining("version=9");
        }
    }

    @Test
    void reportsAnswerWithMessageTypeOtherThanInfoAsProtocolError() throws Exception {
        byte[] badHeader = {2, 3, 0, 0, 0, 0, 0, 0};
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(badHeader)) {
            InfoClient client = new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS);

            assertThatThrownBy(() -> client.request(List.of("status")))
                    .isInstanceOf(InfoProtocolException.class)
                    .hasMessageContaining("type=3");
        }
    }

    @Test
    void refusesAnnouncedBodyLargerThanTheLimitWithoutAllocatingIt() throws Exception {
        byte[] hugeHeader = {2, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(hugeHeader)) {
            InfoClient client = new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS);

            assertThatThrownBy(() -> client.request(List.of("status")))
                    .isInstanceOf(InfoProtocolException.class)
                    .hasMessageContaining("exceeds");
        }
    }

    @Test
    void reportsConnectionClosedMidHeaderOrMidBodyAsProtocolError() throws Exception {
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(new byte[] {2, 1, 0})) {
            InfoClient client = new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS);
            assertThatThrownBy(() -> client.request(List.of("status")))
                    .isInstanceOf(InfoProtocolException.class)
                    .hasMessageContaining("header");
        }
        try (FakeInfoServer server = FakeInfoServer.answeringRaw(new byte[] {2, 1, 0, 0, 0, 0, 0, 50, 'o'})) {
            InfoClient client = new InfoClient("127.0.0.1", server.port(), TIMEOUT_MS);
            assertThatThrownBy(() -> client.request(List.of("status")))
                    .isInstanceOf(InfoProtocolException.class)
                    .hasMessageContaining("50-byte body");
        }
    }

    @Test
    void failsWithIoExceptionWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        InfoClient client = new InfoClient("127.0.0.1", port, TIMEOUT_MS);

        assertThatThrownBy(() -> client.request(List.of("status"))).isInstanceOf(IOException.class);
    }

    @Test
    void rejectsCommandsThatWouldBreakTheLineFormat() {
        assertThatThrownBy(() -> InfoClient.encodeBody(List.of("sta\ntus")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfoClient.encodeBody(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerCarriesBodyLengthAsBigEndian48Bits() throws Exception {
        byte[] header = InfoFrame.encodeHeader(0x01_0203L);

        assertThat(header).containsExactly(2, 1, 0, 0, 0, 1, 2, 3);
        assertThat(InfoFrame.decodeBodyLength(header)).isEqualTo(0x01_0203L);
    }
}
