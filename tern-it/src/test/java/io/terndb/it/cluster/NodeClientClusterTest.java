package io.terndb.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.terndb.testkit.Await;
import io.terndb.testkit.TernCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The official Aerospike Node.js client (npm {@code aerospike}, on the official C client), unchanged, on a real
 * cluster of three nodes at replication factor 2, seeded with node 0's address only. Each test runs one script of
 * {@code src/test/node} with {@code node} and asserts on the JSON line it prints; the client's log (stderr) must
 * have no warning or error except where a node is killed. Skipped when {@code node} or {@code npm} is not on the
 * PATH; the npm project is installed with {@code npm ci} into {@code target/node-client}, and a failed install
 * fails the tests.
 *
 * <p>The kill comes last: it leaves two nodes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeClientClusterTest {

    private static final String NAMESPACE = "test";
    private static final int RECORDS = 3_000;
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static NodeScripts scripts;
    private static TernCluster cluster;

    @BeforeAll
    @Timeout(value = 4, unit = TimeUnit.MINUTES) // npm ci may have to download the client first
    static void start() {
        if (!NodeScripts.available()) {
            return; // each test is skipped with the reason (surefire shows no reason for a skipped class)
        }
        scripts = NodeScripts.install(Path.of(System.getProperty("tern.it.node.project")),
                Path.of(System.getProperty("tern.it.node.home")));
        cluster = TernCluster.builder().nodes(3).start();
        cluster.awaitStable(3, Duration.ofSeconds(30));
    }

    @BeforeEach
    void requireNode() {
        assumeTrue(scripts != null, "node and npm are not on the PATH: the Node.js client is not tested");
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs {@code checks.js CHECK} against node 0 and returns its line; the script must end well and quietly. */
    private static JsonNode check(String check, String set, int records) {
        NodeScripts.Result result = scripts.run(SCRIPT_TIMEOUT, "checks.js", check, cluster.host(0),
                Integer.toString(cluster.node(0).port()), NAMESPACE, set, Integer.toString(records));
        JsonNode line = result.line("check", check);
        assertThat(line.has("error")).as("the script threw: %s", result.describe()).isFalse();
        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).as("the client's log").doesNotContain("WARN").doesNotContain("ERROR");
        return line;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.elements().forEachRemaining(element -> texts.add(element.asText()));
        return texts;
    }

    private static void assertNone(JsonNode line, String... problems) {
        for (String problem : problems) {
            assertThat(line.path(problem).path("count").asLong(-1)).as("%s in %s", problem, line).isZero();
        }
    }

    @Test
    void aClientSeededWithOneNodeFindsAllThreeAndAnnouncesItselfToEach() {
        List<String> names = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            names.add(cluster.node(node).info("node").get("node"));
        }
        JsonNode line = check("discovery", "discovery", 0);
        assertThat(texts(line.path("nodes"))).containsExactlyInAnyOrderElementsOf(names);
        // The C client sends user-agent-set to 8.1 servers on each tend connection, and logs a warning if refused.
        for (String name : names) {
            assertThat(texts(line.path("userAgents").path(name))).as("user agents on %s", name)
                    .anyMatch(agent -> agent.matches("1,nodejs-[0-9.]+,tern-it"));
        }
    }

    @Test
    void putGetExistsAndRemoveRoundTripEveryParticleType() {
        JsonNode line = check("records", "records", RECORDS);
        assertThat(line.path("written").asInt()).as("records written: %s", line).isEqualTo(RECORDS);
        assertNone(line, "wrong", "absent", "stillThere", "lost");
    }

    @Test
    void aBatchReadAcrossTheNodesReturnsEveryRecord() {
        JsonNode line = check("batch", "batch", RECORDS);
        assertThat(line.path("rows").asInt()).as("batch rows: %s", line).isEqualTo(RECORDS);
        assertNone(line, "wrong", "foundAbsent");
    }

    @Test
    void aScanReturnsEachRecordExactlyOnce() {
        JsonNode line = check("scan", "scan", RECORDS);
        assertThat(line.path("distinct").asInt()).as("distinct records scanned: %s", line).isEqualTo(RECORDS);
        assertNone(line, "repeated", "missing");
    }

    @Test
    void operateIncrementsAppendsAndReadsInOneCommand() {
        JsonNode line = check("operate", "operate", RECORDS);
        assertNone(line, "wrong");
    }

    @Test
    void aTruncateThroughTheClientEmptiesTheSetOnEveryNode() {
        JsonNode line = check("truncate", "truncated", RECORDS);
        assertNone(line, "readable");
        for (int node = 0; node < 3; node++) {
            int index = node;
            Await.until("node " + node + " purged the truncated set", Duration.ofSeconds(10),
                    () -> TernCluster.keyValues(cluster.node(index).info("sets/test/truncated")
                            .get("sets/test/truncated"), ':').getOrDefault("objects", "0").equals("0"));
        }
    }

    @Test
    @Order(Order.DEFAULT + 1)
    void everyAcknowledgedWriteSurvivesANodeKilledWithCommandsInFlight() throws InterruptedException {
        try (NodeScripts.Running script = scripts.start("failover.js", cluster.host(0),
                Integer.toString(cluster.node(0).port()), NAMESPACE, "failover")) {
            script.awaitEvent("writing", SCRIPT_TIMEOUT);
            cluster.kill(2);
            script.send("killed");
            cluster.awaitStable(2, Duration.ofSeconds(20));
            script.send("stable");
            Thread.sleep(1_000); // writes go on for a while on the two survivors
            script.send("stop");
            NodeScripts.Result result = script.finish(SCRIPT_TIMEOUT);
            JsonNode line = result.line("check", "failover");
            assertThat(line.has("error")).as("the script threw: %s", result.describe()).isFalse();
            assertThat(line.path("acknowledgedAfterStable").asInt()).as("writes acknowledged by the survivors: %s",
                    line).isPositive();
            assertThat(line.path("nodesAtEnd").asInt()).as("nodes the client knows at the end").isEqualTo(2);
            assertNone(line, "missing", "wrong");
            System.out.println("Node.js client, a node killed under writes: " + line);
        }
    }
}
