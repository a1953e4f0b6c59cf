package io.terndb.server.config;

import java.util.List;

/** Placeholder embedded default until the parser lands. */
public final class DefaultConfig {

    private DefaultConfig() {
    }

    public static ServerConfig load() {
        return new ServerConfig(new ServiceConfig("", ServiceConfig.PROTO_FD_MAX_DEFAULT, null, null, 0, 0),
                LoggingConfig.consoleInfo(),
                new NetworkConfig(new NetworkConfig.Service(List.of("127.0.0.1"), 3000, List.of(), 0), null,
                        new NetworkConfig.Endpoint(List.of(), 3001), new NetworkConfig.Endpoint(List.of(), 3003),
                        new NetworkConfig.Endpoint(List.of(), 0)),
                List.of(new NamespaceConfig("test", 1, 0, 120, false, 1024 * 1024,
                        new StorageConfig.Memory(4L << 30, 70, 0), List.of())),
                null);
    }
}
