package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Namespaces reach each other and the root namespace until cut, and leave nothing behind. Reachability is probed
 * with TCP connections to a port nobody listens on: a refusal proves the packets got there and back, a timeout that
 * they did not.
 */
class NetworkNamespacesTest {

    private static final int CLOSED_PORT = 9;
    private static final int PROBE_TIMEOUT_MS = 1_000;

    /** Run inside a namespace: prints {@code refused}, {@code timeout}, {@code connected} or the error. */
    public static final class Probe {
        public static void main(String[] arguments) {
            System.out.println(probe(arguments[0], Integer.parseInt(arguments[1])));
        }
    }

    @BeforeEach
    void assumeNamespaces() {
        Optional<String> unavailable = NetworkNamespaces.unavailableReason();
        assumeTrue(unavailable.isEmpty(), () -> "no network namespaces: " + unavailable.orElseThrow());
    }

    @Test
    void isolateCutsOnlyTheTrafficBetweenNamespacesAndHealRestoresIt() throws Exception {
        NetworkNamespaces hosts = NetworkNamespaces.create(2);
        List<String> names;
        try {
            names = List.of(hosts.name(0), hosts.name(1));
            assertThat(names.get(0)).matches("tern-[0-9a-f]{6}-0");
            assertThat(hosts.address(0)).startsWith("10.251.").endsWith(".2");
            assertThat(hosts.address(1)).endsWith(".3");
            assertThat(hosts.hostAddress()).endsWith(".1");

            assertThat(probe(hosts.address(0), CLOSED_PORT)).isEqualTo("refused");
            assertThat(probeFrom(hosts, 0, hosts.address(1))).isEqualTo("refused");

            hosts.isolate(0);
            assertThat(probeFrom(hosts, 0, hosts.address(1))).isEqualTo("timeout");
            assertThat(probe(hosts.address(0), CLOSED_PORT)).as("the root namespace still reaches it")
                    .isEqualTo("refused");
            assertThat(probe(hosts.address(1), CLOSED_PORT)).isEqualTo("refused");

            hosts.unplug(1);
            assertThat(probe(hosts.address(1), CLOSED_PORT)).isEqualTo("timeout");

            hosts.heal();
            assertThat(probeFrom(hosts, 0, hosts.address(1))).isEqualTo("refused");
            assertThat(probe(hosts.address(1), CLOSED_PORT)).isEqualTo("refused");
        } finally {
            hosts.close();
        }
        String namespaces = run("ip", "netns", "list");
        String links = run("ip", "-o", "link", "show");
        String tag = names.get(0).substring("tern-".length(), "tern-".length() + 6);
        assertThat(namespaces).doesNotContain(names.get(0)).doesNotContain(names.get(1));
        assertThat(links).doesNotContain(tag);
    }

    private static String probeFrom(NetworkNamespaces hosts, int index, String address) throws Exception {
        Path classes = Path.of(Probe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classes.toString(),
                Probe.class.getName(), address, String.valueOf(CLOSED_PORT)));
        return run(hosts.exec(index, command).toArray(String[]::new)).strip();
    }

    static String probe(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
            return "connected";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (ConnectException e) {
            return e.getMessage() != null && e.getMessage().contains("refused") ? "refused" : e.toString();
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s: %s", List.of(command), output).isZero();
        return output;
    }
}
