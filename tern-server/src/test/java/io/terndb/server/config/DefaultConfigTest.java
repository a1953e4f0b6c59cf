package io.terndb.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.server.config.internal.ConfigReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultConfigTest {

    @Test
    void embeddedDefaultIsOneLocalNodeWithNamespaceTestOnDeviceUnderData() {
        ServerConfig config = DefaultConfig.load();

        assertThat(config.source()).isNull();
        assertThat(config.service()).isEqualTo(new ServiceConfig("", 15_000, null, null, 0, 0));
        assertThat(config.logging()).isEqualTo(LoggingConfig.consoleInfo());
        assertThat(config.network()).isEqualTo(new NetworkConfig(
                new NetworkConfig.Service(List.of("127.0.0.1"), 3000, List.of(), 0),
                new NetworkConfig.Heartbeat("mesh", List.of("127.0.0.1"), 3002, List.of(), 150, 10),
                new NetworkConfig.Endpoint(List.of("127.0.0.1"), 3001),
                new NetworkConfig.Endpoint(List.of("127.0.0.1"), 3003),
                new NetworkConfig.Endpoint(List.of(), 0)));
        assertThat(config.namespaces()).containsExactly(new NamespaceConfig("test", 1, 0, 120, false, 1024 * 1024,
                new StorageConfig.Device(List.of("data/test.dat"), List.of(), 4L * 1024 * 1024 * 1024, 8 * 1024 * 1024,
                        1024 * 1024, 1000, false, false, 50, 70, 0, ConfigLimits.POST_WRITE_CACHE_BYTES_DEFAULT, null),
                List.of()));
    }

    @Test
    void embeddedDefaultUsesOnlySettingsThatTakeEffect() throws ConfigException {
        ConfigReader.Result result = ConfigReader.read(DefaultConfig.text(), DefaultConfig.SOURCE_NAME, null);

        assertThat(result.notices()).isEmpty();
    }
}
