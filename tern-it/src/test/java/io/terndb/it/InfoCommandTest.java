package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.policy.InfoPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Info commands answer in the original server's formats (reference §2). */
class InfoCommandTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private String set;

    @BeforeEach
    void nameSet(TestInfo info) {
        set = TestSets.of(info);
    }

    private static String info(String command) {
        return Info.request(SERVER.node(), command);
    }

    private static Map<String, String> namespaceTest() {
        return InfoValues.keyValues(info("namespace/test"), ';');
    }

    @Test
    void statusIsOk() {
        assertThat(info("status")).isEqualTo("ok");
    }

    @Test
    void namespacesListsTheConfiguredNamespace() {
        assertThat(info("namespaces")).isEqualTo("test");
    }

    @Test
    void namespaceReportsObjectsAndConfiguredValues() {
        Map<String, String> values = namespaceTest();

        assertThat(values).containsKey("objects");
        assertThat(values.get("objects")).matches("\\d+");
        assertThat(values).containsEntry("replication-factor", "1")
                .containsEntry("default-ttl", "0")
                .containsEntry("nsup-period", "1");
    }

    @Test
    void namespaceObjectCountGrowsWithPuts() {
        long before = Long.parseLong(namespaceTest().get("objects"));
        for (int i = 0; i < 7; i++) {
            SERVER.client().put(null, new Key("test", set, i), new Bin("a", i));
        }

        assertThat(Long.parseLong(namespaceTest().get("objects"))).isEqualTo(before + 7);
    }

    @Test
    void unknownNamespaceAnswersTypeUnknown() {
        assertThat(info("namespace/no-such-namespace")).isEqualTo("type=unknown");
    }

    @Test
    void buildIsADottedVersionNumber() {
        assertThat(info("build")).matches("\\d+(\\.\\d+)+");
    }

    /** The product name is TernDB's own (a recorded project decision); the shape is the original's. */
    @Test
    void editionHasTheOriginalsShape() {
        assertThat(info("edition")).matches("\\S.* (Community|Enterprise) Edition");
    }

    @Test
    void versionIsEditionFollowedByBuild() {
        assertThat(info("version")).isEqualTo(info("edition") + " build " + info("build"));
    }

    @Test
    void nodeIsUpperCaseHex() {
        assertThat(info("node")).matches("[0-9A-F]+").doesNotStartWith("0");
    }

    @Test
    void statisticsReportsAClusterOfOne() {
        assertThat(InfoValues.keyValues(info("statistics"), ';')).containsEntry("cluster_size", "1");
    }

    @Test
    void setsListsAWrittenSetWithItsObjectCount() {
        for (int i = 0; i < 3; i++) {
            SERVER.client().put(null, new Key("test", set, i), new Bin("a", i));
        }

        List<Map<String, String>> sets = InfoValues.records(info("sets"));

        assertThat(sets).filteredOn(record -> set.equals(record.get("set")))
                .singleElement()
                .satisfies(record -> assertThat(record)
                        .containsEntry("ns", "test")
                        .containsEntry("objects", "3"));
    }

    @Test
    void replicasClaimEveryPartitionAsMasterOfTheNamespace() {
        assertThat(info("replicas")).isEqualTo("test:0,1," + "/".repeat(682) + "8=");
    }

    @Test
    void peersListIsEmptyAndCarriesThePeersGeneration() {
        String peers = info("peers-clear-std");

        assertThat(peers).matches("\\d+,\\d+,\\[\\]");
        assertThat(peers.substring(0, peers.indexOf(','))).isEqualTo(info("peers-generation"));
    }

    @Test
    void partitionGenerationIsANonNegativeNumber() {
        assertThat(Long.parseLong(info("partition-generation"))).isNotNegative();
    }

    @Test
    void serviceAddressIsEmptyOrTheServicePort() {
        String services = info("service-clear-std");

        assertThat(services).doesNotStartWith("ERROR");
        if (!services.isEmpty()) {
            assertThat(services.split(",")).contains("127.0.0.1:" + SERVER.port());
        }
    }

    @Test
    void setInfoOfOneSetReportsItsObjects() {
        for (int i = 0; i < 2; i++) {
            SERVER.client().put(null, new Key("test", set, i), new Bin("a", i));
        }

        assertThat(InfoValues.keyValues(info("sets/test/" + set), ':')).containsEntry("objects", "2");
    }

    @Test
    void partitionsIs4096() {
        assertThat(info("partitions")).isEqualTo("4096");
    }

    @Test
    void featuresAdvertisePartitionScansAndBatchAny() {
        assertThat(info("features").split(";")).contains("pscans", "batch-any");
    }

    @Test
    void unknownCommandAnswersError() {
        assertThat(info("no-such-command")).startsWith("ERROR");
    }

    @Test
    void severalCommandsInOneRequestAreAllAnswered() {
        Map<String, String> values =
                Info.request(new InfoPolicy(), SERVER.node(), "status", "namespaces", "partitions");

        assertThat(values).containsEntry("status", "ok")
                .containsEntry("namespaces", "test")
                .containsEntry("partitions", "4096");
    }
}
