package io.terndb.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a {@link TernClient} is started with. Immutable; build with {@link #builder()}. Limits are checked
 * against each other in {@link Builder#build()}.
 *
 * <pre>{@code
 * ClientConfig config = ClientConfig.builder()
 *         .seed("127.0.0.1", 3000)
 *         .maxConnectionsPerNode(64)
 *         .readPolicy(Policy.builder().totalTimeout(Duration.ofMillis(500)).build())
 *         .build();
 * }</pre>
 *
 * @param seeds                  addresses tried, in order, to discover the cluster
 * @param clusterName            when set, nodes reporting another cluster name are refused
 * @param tendInterval           how often nodes, peers and partition maps are polled
 * @param infoTimeout            longest wait for one info reply (tending and {@code info})
 * @param connectTimeout         longest wait for a TCP connect
 * @param minConnectionsPerNode  sync connections kept open per node even when idle
 * @param maxConnectionsPerNode  sync connections per node at most; callers beyond wait for one
 * @param maxIdle                idle sync connections above the minimum are closed after this long
 * @param eventLoops             async I/O threads
 * @param maxInFlightPerLoop     async commands one event loop runs at once
 * @param maxInFlightPerNode     async commands (and so sockets) per node at once, shared evenly by the loops
 * @param waitQueueCapacity      async commands per event loop waiting for a slot; beyond, commands fail at once
 *                               with {@link TernBackpressureException} (0 = fail fast)
 * @param readPolicy             default for reads
 * @param writePolicy            default for writes
 * @param batchPolicy            default for batches
 * @param scanPolicy             default for scans
 */
public record ClientConfig(
        List<Host> seeds,
        String clusterName,
        Duration tendInterval,
        Duration infoTimeout,
        Duration connectTimeout,
        int minConnectionsPerNode,
        int maxConnectionsPerNode,
        Duration maxIdle,
        int eventLoops,
        int maxInFlightPerLoop,
        int maxInFlightPerNode,
        int waitQueueCapacity,
        Policy readPolicy,
        WritePolicy writePolicy,
        Policy batchPolicy,
        ScanPolicy scanPolicy) {

    public static final int EVENT_LOOPS_MAX = 256;
    public static final int CONNECTIONS_PER_NODE_MAX = 10_000;
    public static final int IN_FLIGHT_MAX = 1_000_000;

    /** Checks every limit and the relations between them, however the config was made. */
    public ClientConfig {
        seeds = List.copyOf(seeds);
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("seeds=[] (give at least one seed)");
        }
        if (clusterName != null && clusterName.isBlank()) {
            throw new IllegalArgumentException("clusterName='" + clusterName + "'");
        }
        Builder.positive("tendInterval", tendInterval);
        Builder.positive("infoTimeout", infoTimeout);
        Builder.positive("connectTimeout", connectTimeout);
        Builder.positive("maxIdle", maxIdle);
        Builder.range("minConnectionsPerNode", minConnectionsPerNode, 0, CONNECTIONS_PER_NODE_MAX);
        Builder.range("maxConnectionsPerNode", maxConnectionsPerNode, 1, CONNECTIONS_PER_NODE_MAX);
        Builder.range("eventLoops", eventLoops, 1, EVENT_LOOPS_MAX);
        Builder.range("maxInFlightPerLoop", maxInFlightPerLoop, 1, IN_FLIGHT_MAX);
        Builder.range("maxInFlightPerNode", maxInFlightPerNode, 1, IN_FLIGHT_MAX);
        Builder.range("waitQueueCapacity", waitQueueCapacity, 0, IN_FLIGHT_MAX);
        if (minConnectionsPerNode > maxConnectionsPerNode) {
            throw new IllegalArgumentException("minConnectionsPerNode=" + minConnectionsPerNode
                    + " > maxConnectionsPerNode=" + maxConnectionsPerNode);
        }
        if (maxInFlightPerNode < eventLoops) {
            throw new IllegalArgumentException("maxInFlightPerNode=" + maxInFlightPerNode + " < eventLoops="
                    + eventLoops + " (each loop needs at least one slot per node)");
        }
        java.util.Objects.requireNonNull(readPolicy, "readPolicy");
        java.util.Objects.requireNonNull(writePolicy, "writePolicy");
        java.util.Objects.requireNonNull(batchPolicy, "batchPolicy");
        java.util.Objects.requireNonNull(scanPolicy, "scanPolicy");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Validates each argument when it is given and the relations between them in {@link #build()}. */
    public static final class Builder {
        private final List<Host> seeds = new ArrayList<>();
        private String clusterName;
        private Duration tendInterval = Duration.ofSeconds(1);
        private Duration infoTimeout = Duration.ofSeconds(1);
        private Duration connectTimeout = Duration.ofSeconds(1);
        private int minConnectionsPerNode;
        private int maxConnectionsPerNode = 100;
        private Duration maxIdle = Duration.ofSeconds(55);
        private int eventLoops = Math.min(4, Runtime.getRuntime().availableProcessors());
        private int maxInFlightPerLoop = 1024;
        private int maxInFlightPerNode = 1024;
        private int waitQueueCapacity = 4096;
        private Policy readPolicy = Policy.DEFAULT;
        private WritePolicy writePolicy = WritePolicy.DEFAULT;
        private Policy batchPolicy = Policy.builder().maxRetries(0).build();
        private ScanPolicy scanPolicy = ScanPolicy.DEFAULT;

        private Builder() {
        }

        public Builder seed(String host, int port) {
            seeds.add(new Host(host, port));
            return this;
        }

        public Builder seed(Host host) {
            seeds.add(Objects.requireNonNull(host, "seed"));
            return this;
        }

        public Builder clusterName(String name) {
            if (name != null && name.isBlank()) {
                throw new IllegalArgumentException("clusterName='" + name + "'");
            }
            clusterName = name;
            return this;
        }

        public Builder tendInterval(Duration interval) {
            tendInterval = positive("tendInterval", interval);
            return this;
        }

        public Builder infoTimeout(Duration timeout) {
            infoTimeout = positive("infoTimeout", timeout);
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        public Builder minConnectionsPerNode(int connections) {
            minConnectionsPerNode = range("minConnectionsPerNode", connections, 0, CONNECTIONS_PER_NODE_MAX);
            return this;
        }

        public Builder maxConnectionsPerNode(int connections) {
            maxConnectionsPerNode = range("maxConnectionsPerNode", connections, 1, CONNECTIONS_PER_NODE_MAX);
            return this;
        }

        public Builder maxIdle(Duration idle) {
            maxIdle = positive("maxIdle", idle);
            return this;
        }

        public Builder eventLoops(int loops) {
            eventLoops = range("eventLoops", loops, 1, EVENT_LOOPS_MAX);
            return this;
        }

        public Builder maxInFlightPerLoop(int commands) {
            maxInFlightPerLoop = range("maxInFlightPerLoop", commands, 1, IN_FLIGHT_MAX);
            return this;
        }

        public Builder maxInFlightPerNode(int commands) {
            maxInFlightPerNode = range("maxInFlightPerNode", commands, 1, IN_FLIGHT_MAX);
            return this;
        }

        public Builder waitQueueCapacity(int commands) {
            waitQueueCapacity = range("waitQueueCapacity", commands, 0, IN_FLIGHT_MAX);
            return this;
        }

        public Builder readPolicy(Policy policy) {
            readPolicy = Objects.requireNonNull(policy, "readPolicy");
            return this;
        }

        public Builder writePolicy(WritePolicy policy) {
            writePolicy = Objects.requireNonNull(policy, "writePolicy");
            return this;
        }

        public Builder batchPolicy(Policy policy) {
            batchPolicy = Objects.requireNonNull(policy, "batchPolicy");
            return this;
        }

        public Builder scanPolicy(ScanPolicy policy) {
            scanPolicy = Objects.requireNonNull(policy, "scanPolicy");
            return this;
        }

        /** Checks the relations between the limits (see the record's constructor). */
        public ClientConfig build() {
            return new ClientConfig(seeds, clusterName, tendInterval, infoTimeout, connectTimeout,
                    minConnectionsPerNode, maxConnectionsPerNode, maxIdle, eventLoops, maxInFlightPerLoop,
                    maxInFlightPerNode, waitQueueCapacity, readPolicy, writePolicy, batchPolicy, scanPolicy);
        }

        private static Duration positive(String name, Duration duration) {
            if (duration == null || !duration.isPositive()) {
                throw new IllegalArgumentException(name + "=" + duration + " (must be positive)");
            }
            return duration;
        }

        private static int range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + "=" + value + " (" + min + " to " + max + ")");
            }
            return value;
        }
    }
}
