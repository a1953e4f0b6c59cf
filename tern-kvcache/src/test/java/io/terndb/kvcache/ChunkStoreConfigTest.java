package io.terndb.kvcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.Host;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChunkStoreConfigTest {

    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @Test
    void jsonOfTheIssueGivesItsFieldsAndLmcacheDefaults() {
        ChunkStoreConfig config = ChunkStoreJson.parse("""
                {"type": "aerospike", "hosts": "127.0.0.1:3000", "namespace": "lmcache",
                 "set_name": "kv_chunks", "num_workers": 8}""", NO_ENVIRONMENT);

        assertThat(config.seeds()).containsExactly(new Host("127.0.0.1", 3000));
        assertThat(config.namespace()).isEqualTo("lmcache");
        assertThat(config.setName()).isEqualTo("kv_chunks");
        assertThat(config.numWorkers()).isEqualTo(8);
        assertThat(config.readTimeoutMs()).isEqualTo(1_000);
        assertThat(config.writeTimeoutMs()).isEqualTo(2_000);
        assertThat(config.defaultTtlSeconds()).isEqualTo(86_400);
        assertThat(config.targetSegmentBytes()).isZero();
        assertThat(config.maxRecordBytes()).isZero();
        assertThat(config.username()).isEmpty();
        assertThat(config.maxCapacityGb()).isZero();
        assertThat(config.loadDeadlineMs()).as("no deadline unless asked for").isZero();
        assertThat(config.maxInflightBytes()).as("no byte budget unless asked for").isZero();
        assertThat(config.orphanSweepMs()).isZero();
        assertThat(config.orphanGraceMsInForce()).isEqualTo(3 * 2_000);
    }

    @Test
    void jsonSetsTernExtensions() {
        ChunkStoreConfig config = ChunkStoreJson.parse("""
                {"hosts": "a:3000", "max_capacity_gb": 2, "load_deadline_ms": 150,
                 "max_inflight_bytes": 8589934592, "pin_lease_ms": 5000, "usage_refresh_ms": 2000,
                 "orphan_sweep_ms": 60000, "orphan_grace_ms": 9000}""", NO_ENVIRONMENT);

        assertThat(config.capacityBytes()).isEqualTo(2L * 1024 * 1024 * 1024);
        assertThat(config.loadDeadlineMs()).isEqualTo(150);
        assertThat(config.maxInflightBytes()).isEqualTo(8L * 1024 * 1024 * 1024);
        assertThat(config.pinLeaseMs()).isEqualTo(5_000);
        assertThat(config.usageRefreshMs()).isEqualTo(2_000);
        assertThat(config.orphanSweepMs()).isEqualTo(60_000);
        assertThat(config.orphanGraceMsInForce()).isEqualTo(9_000);
    }

    @Test
    void jsonSetsEveryField() {
        ChunkStoreConfig config = ChunkStoreJson.parse("""
                {"hosts": "a:3000, b:3100", "namespace": "ns", "set": "chunks", "num_workers": 32,
                 "read_timeout_ms": 250, "write_timeout_ms": 500, "default_ttl_seconds": 0,
                 "target_segment_bytes": 524288, "max_record_bytes": 8388608, "username": "user",
                 "password": "secret", "max_capacity_gb": 1.5}""", NO_ENVIRONMENT);

        assertThat(config).isEqualTo(new ChunkStoreConfig("a:3000, b:3100", "ns", "chunks", 32, 250, 500, 0,
                524_288, 8_388_608, "user", "secret", 1.5, 0, 0, ChunkStoreConfig.PIN_LEASE_MS_DEFAULT,
                ChunkStoreConfig.USAGE_REFRESH_MS_DEFAULT, 0, 0));
        assertThat(config.seeds()).containsExactly(new Host("a", 3000), new Host("b", 3100));
        assertThat(config.toString()).doesNotContain("secret");
    }

    @Test
    void emptyValuesFallBackToTheEnvironment() {
        Map<String, String> environment = Map.of(ChunkStoreConfig.ENV_HOSTS, "10.0.0.1:3000",
                ChunkStoreConfig.ENV_NAMESPACE, "envns", ChunkStoreConfig.ENV_SET, "envset",
                ChunkStoreConfig.ENV_USERNAME, "envuser", ChunkStoreConfig.ENV_PASSWORD, "envpassword");

        ChunkStoreConfig config = ChunkStoreJson.parse("""
                {"hosts": "", "namespace": null}""", environment);

        assertThat(config.hosts()).isEqualTo("10.0.0.1:3000");
        assertThat(config.namespace()).isEqualTo("envns");
        assertThat(config.setName()).isEqualTo("envset");
        assertThat(config.username()).isEqualTo("envuser");
        assertThat(config.password()).isEqualTo("envpassword");
    }

    @Test
    void givenValuesWinOverTheEnvironment() {
        ChunkStoreConfig config = ChunkStoreConfig.builder().environment(Map.of(ChunkStoreConfig.ENV_HOSTS, "x:1"))
                .hosts("y:2").build();

        assertThat(config.hosts()).isEqualTo("y:2");
    }

    @Test
    void hostsAreRequired() {
        assertThatThrownBy(() -> ChunkStoreConfig.builder().environment(NO_ENVIRONMENT).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hosts=")
                .hasMessageContaining(ChunkStoreConfig.ENV_HOSTS);
    }

    @Test
    void rejectsBadValuesNamingTheSettingAndValue() {
        assertRejected("{\"hosts\": \"a\"}", "hosts=a");
        assertRejected("{\"hosts\": \"a:x\"}", "hosts=a:x");
        assertRejected("{\"hosts\": \"a:70000\"}", "hosts=a:70000");
        assertRejected("{\"hosts\": \"a:1\", \"num_workers\": 0}", "num_workers=0");
        assertRejected("{\"hosts\": \"a:1\", \"read_timeout_ms\": -1}", "read_timeout_ms=-1");
        assertRejected("{\"hosts\": \"a:1\", \"write_timeout_ms\": 0}", "write_timeout_ms=0");
        assertRejected("{\"hosts\": \"a:1\", \"default_ttl_seconds\": -5}", "default_ttl_seconds=-5");
        assertRejected("{\"hosts\": \"a:1\", \"target_segment_bytes\": -1}", "target_segment_bytes=-1");
        assertRejected("{\"hosts\": \"a:1\", \"max_record_bytes\": 1000}", "max_record_bytes=1000");
        assertRejected("{\"hosts\": \"a:1\", \"max_capacity_gb\": -1}", "max_capacity_gb=-1.0");
        assertRejected("{\"hosts\": \"a:1\", \"username\": \"u\"}", "username=u");
        assertRejected("{\"hosts\": \"a:1\", \"load_deadline_ms\": -1}", "load_deadline_ms=-1");
        assertRejected("{\"hosts\": \"a:1\", \"max_inflight_bytes\": -1}", "max_inflight_bytes=-1");
        assertRejected("{\"hosts\": \"a:1\", \"pin_lease_ms\": 0}", "pin_lease_ms=0");
        assertRejected("{\"hosts\": \"a:1\", \"orphan_grace_ms\": -3}", "orphan_grace_ms=-3");
        assertRejected("{\"hosts\": \"a:1\", \"num_workers\": \"8\"}", "num_workers=\"8\"");
        assertRejected("{\"hosts\": \"a:1\", \"num_wrokers\": 8}", "num_wrokers=8");
        assertRejected("{\"hosts\": \"a:1\", \"type\": \"redis\"}", "type=\"redis\"");
        assertRejected("[1]", "config=[1]");
        assertRejected("{", "config={");
    }

    private static void assertRejected(String json, String message) {
        assertThatThrownBy(() -> ChunkStoreJson.parse(json, NO_ENVIRONMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }
}
