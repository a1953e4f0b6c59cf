package io.terndb.testkit;

import java.util.List;

/**
 * The Aerospike-format configuration file a test server is started with: service, heartbeat and fabric endpoints on
 * one address (loopback unless the server runs in a network namespace of its own) and the given ports, then the
 * namespace stanzas and any extra stanzas verbatim.
 *
 * @param clusterName    {@code service { cluster-name ... }}
 * @param servicePort    the client port
 * @param heartbeatPort  the mesh heartbeat port
 * @param fabricPort     the node-to-node port
 * @param namespaces     whole {@code namespace NAME { ... }} stanzas
 * @param extraStanzas   anything else, appended as given
 * @param cluster        how the node finds its peers
 * @param address        what service, heartbeat and fabric bind to; also the service {@code access-address} when it
 *                       is not {@value #LOOPBACK}
 */
public record ServerConfigText(
        String clusterName,
        int servicePort,
        int heartbeatPort,
        int fabricPort,
        List<String> namespaces,
        List<String> extraStanzas,
        Cluster cluster,
        String address) {

    public static final String LOOPBACK = "127.0.0.1";

    /**
     * @param nodeId              {@code node-id}, 0 = derived by the server
     * @param seeds               {@code mesh-seed-address-port} lines, {@code host:port}
     * @param heartbeatIntervalMs {@code interval}
     * @param heartbeatTimeouts   {@code timeout}
     * @param migrateThreads      {@code migrate-threads} (0 pauses migrations), -1 = the server's default
     */
    public record Cluster(long nodeId, List<String> seeds, int heartbeatIntervalMs, int heartbeatTimeouts,
            int migrateThreads) {
        public static final Cluster NONE = new Cluster(0, List.of(), 150, 10, -1);

        public Cluster {
            seeds = List.copyOf(seeds);
        }
    }

    public ServerConfigText(String clusterName, int servicePort, int heartbeatPort, int fabricPort,
            List<String> namespaces, List<String> extraStanzas, Cluster cluster) {
        this(clusterName, servicePort, heartbeatPort, fabricPort, namespaces, extraStanzas, cluster, LOOPBACK);
    }

    public ServerConfigText(String clusterName, int servicePort, int heartbeatPort, int fabricPort,
            List<String> namespaces, List<String> extraStanzas) {
        this(clusterName, servicePort, heartbeatPort, fabricPort, namespaces, extraStanzas, Cluster.NONE);
    }

    /** The namespace every test server has unless told otherwise: in memory, no replicas, nsup every second. */
    public static final String DEFAULT_NAMESPACE = """
            namespace test {
                replication-factor 1
                default-ttl 0
                nsup-period 1
                storage-engine memory {
                    data-size 1G
                }
            }
            """;

    public ServerConfigText {
        namespaces = List.copyOf(namespaces);
        extraStanzas = List.copyOf(extraStanzas);
        if (namespaces.isEmpty()) {
            throw new IllegalArgumentException("namespaces=[] (a server needs at least one)");
        }
        if (address == null || address.isBlank() || address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("address=" + address);
        }
    }

    /**
     * The file text. One setting per line, braces last on their line: the original's parser reads a name and up to
     * three values per line and ignores the rest, so stanzas written on one line are not Aerospike syntax.
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append("service {\n");
        text.append("    cluster-name ").append(clusterName).append('\n');
        if (cluster.nodeId() != 0) {
            text.append("    node-id ").append(Long.toHexString(cluster.nodeId())).append('\n');
        }
        if (cluster.migrateThreads() >= 0) {
            text.append("    migrate-threads ").append(cluster.migrateThreads()).append('\n');
        }
        text.append("}\n");
        text.append("network {\n");
        text.append("    service {\n");
        text.append("        address ").append(address).append('\n');
        text.append("        port ").append(servicePort).append('\n');
        if (!address.equals(LOOPBACK)) {
            text.append("        access-address ").append(address).append('\n');
        }
        text.append("    }\n");
        text.append("    heartbeat {\n");
        text.append("        mode mesh\n");
        text.append("        address ").append(address).append('\n');
        text.append("        port ").append(heartbeatPort).append('\n');
        for (String seed : cluster.seeds()) {
            int colon = seed.lastIndexOf(':');
            text.append("        mesh-seed-address-port ").append(seed, 0, colon).append(' ')
                    .append(seed.substring(colon + 1)).append('\n');
        }
        text.append("        interval ").append(cluster.heartbeatIntervalMs()).append('\n');
        text.append("        timeout ").append(cluster.heartbeatTimeouts()).append('\n');
        text.append("    }\n");
        text.append("    fabric {\n");
        text.append("        address ").append(address).append('\n');
        text.append("        port ").append(fabricPort).append('\n');
        text.append("    }\n");
        text.append("}\n");
        for (String stanza : namespaces) {
            text.append(stanza.strip()).append('\n');
        }
        for (String stanza : extraStanzas) {
            text.append(stanza.strip()).append('\n');
        }
        return text.toString();
    }
}
