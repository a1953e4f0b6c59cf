package io.terndb.server.config;

import java.util.List;

/**
 * The {@code network { ... }} stanza. Only {@code service} is served by a single node today; heartbeat, fabric
 * and info are parsed and validated so that a real cluster configuration starts.
 *
 * <p>Without a {@code network} stanza, clients are served on every address at port 3000 and nothing else listens.
 *
 * @param heartbeat {@code null} when the file has no {@code heartbeat} stanza
 */
public record NetworkConfig(
        Service service,
        Heartbeat heartbeat,
        Endpoint fabric,
        Endpoint info,
        Endpoint admin) {

    public static final int SERVICE_PORT_DEFAULT = 3000;
    public static final int FABRIC_PORT_DEFAULT = 3001;
    public static final int HEARTBEAT_PORT_DEFAULT = 3002;
    public static final int INFO_PORT_DEFAULT = 3003;

    /**
     * @param addresses       {@code address} lines: where to listen ({@code any} = 0.0.0.0)
     * @param port            {@code port}
     * @param accessAddresses {@code access-address} lines: what clients are told to connect to; empty = the bind
     *                        addresses
     * @param accessPort      {@code access-port}; 0 = {@code port}
     */
    public record Service(List<String> addresses, int port, List<String> accessAddresses, int accessPort) {
        public Service {
            addresses = List.copyOf(addresses);
            accessAddresses = List.copyOf(accessAddresses);
        }
    }

    /**
     * @param mode        {@code mesh} or {@code multicast}
     * @param addresses   {@code address} lines; without any, the fabric's addresses (as the original)
     * @param port        {@code port}
     * @param seeds       {@code mesh-seed-address-port} lines as {@code host:port} ({@code [host]:port} for IPv6)
     * @param intervalMs  {@code interval}
     * @param timeoutIntervals {@code timeout}: missed intervals before a peer is gone
     */
    public record Heartbeat(String mode, List<String> addresses, int port, List<String> seeds, int intervalMs,
            int timeoutIntervals) {
        public Heartbeat {
            addresses = List.copyOf(addresses);
            seeds = List.copyOf(seeds);
        }
    }

    /** A plain listening endpoint ({@code fabric}, {@code info}, {@code admin}); {@code port} 0 = not configured. */
    public record Endpoint(List<String> addresses, int port) {
        public Endpoint {
            addresses = List.copyOf(addresses);
        }
    }
}
