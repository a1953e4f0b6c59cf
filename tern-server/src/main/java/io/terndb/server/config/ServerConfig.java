package io.terndb.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The whole validated configuration of one node: what {@code ConfigParser} produces from an Aerospike-format file
 * and what {@code Server.start} consumes. Immutable; relations between settings are checked once, in the parser.
 *
 * @param source the file it was read from, or {@code null} for the embedded default
 */
public record ServerConfig(
        ServiceConfig service,
        LoggingConfig logging,
        NetworkConfig network,
        List<NamespaceConfig> namespaces,
        Path source) {

    public ServerConfig {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(network, "network");
        namespaces = List.copyOf(namespaces);
    }

    public NamespaceConfig namespace(String name) {
        for (NamespaceConfig namespace : namespaces) {
            if (namespace.name().equals(name)) {
                return namespace;
            }
        }
        return null;
    }
}
