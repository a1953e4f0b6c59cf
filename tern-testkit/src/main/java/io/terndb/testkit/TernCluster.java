package io.terndb.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Several TernDB server processes that form one cluster, on loopback or each in a network namespace of its own
 * ({@link Builder#networkNamespaces}): each node has a fixed address and fixed ports for its whole life (so a
 * restarted node comes back where it was) and lists every other node as a mesh seed. Nodes can be killed, stopped
 * and started again; {@link #awaitStable} waits as an operator would, until every running node reports the same
 * view and no migration is left.
 *
 * <pre>{@code
 * try (TernCluster cluster = TernCluster.builder().nodes(3).start()) {
 *     cluster.awaitStable(3, Duration.ofSeconds(30));
 *     AerospikeClient client = new AerospikeClient("127.0.0.1", cluster.node(0).port());
 * }
 * }</pre>
 */
public final class TernCluster implements AutoCloseable {

    /** Sets up and starts a {@link TernCluster}. */
    public static final class Builder {
        private int nodes = 3;
        private IntFunction<String> namespace = index -> ServerConfigText.DEFAULT_NAMESPACE
                .replace("replication-factor 1", "replication-factor 2");
        private int heartbeatIntervalMs = 150;
        private int heartbeatTimeouts = 10;
        private int migrateThreads = -1;
        private final List<String> extraStanzas = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private NetworkNamespaces hosts;

        public Builder nodes(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("nodes=" + count);
            }
            nodes = count;
            return this;
        }

        /** The namespace stanza of node {@code index} (device files differ per node); default: memory, RF 2. */
        public Builder namespace(IntFunction<String> stanza) {
            namespace = stanza;
            return this;
        }

        public Builder heartbeat(int intervalMs, int timeouts) {
            heartbeatIntervalMs = intervalMs;
            heartbeatTimeouts = timeouts;
            return this;
        }

        /** {@code migrate-threads} of every node; 0 pauses migrations (the copies of a partition stay apart). */
        public Builder migrateThreads(int threads) {
            migrateThreads = threads;
            return this;
        }

        public Builder extraStanza(String stanza) {
            extraStanzas.add(stanza);
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /**
         * Runs node {@code i} in namespace {@code i} of {@code namespaces}, on its address and the Aerospike default
         * ports (service 3000, fabric 3001, heartbeat 3002); the caller closes the namespaces after the cluster.
         */
        public Builder networkNamespaces(NetworkNamespaces namespaces) {
            hosts = namespaces;
            return this;
        }

        /** Starts every node (without waiting for the cluster to form). */
        public TernCluster start() {
            return startFirst(nodes);
        }

        /**
         * Starts nodes 0 to {@code count - 1} only; the others keep their ports and are in every node's seeds, so
         * {@link TernCluster#start(int)} adds one later as a node joining a running cluster.
         */
        public TernCluster startFirst(int count) {
            if (count < 1 || count > nodes) {
                throw new IllegalArgumentException("count=" + count + " of " + nodes + " nodes");
            }
            TernCluster cluster = new TernCluster(this);
            try {
                for (int i = 0; i < count; i++) {
                    cluster.start(i);
                }
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
    }

    private record Ports(String host, int service, int heartbeat, int fabric) {
    }

    private static final int NAMESPACED_SERVICE_PORT = 3000;
    private static final int NAMESPACED_FABRIC_PORT = 3001;
    private static final int NAMESPACED_HEARTBEAT_PORT = 3002;

    private final Builder settings;
    private final List<Ports> ports = new ArrayList<>();
    private final Map<Integer, TernServerProcess> running = new HashMap<>();

    private TernCluster(Builder settings) {
        this.settings = settings;
        if (settings.hosts != null && settings.hosts.size() < settings.nodes) {
            throw new IllegalArgumentException(settings.nodes + " nodes but " + settings.hosts.size()
                    + " network namespaces");
        }
        for (int i = 0; i < settings.nodes; i++) {
            ports.add(settings.hosts == null
                    ? new Ports(ServerConfigText.LOOPBACK, FreePorts.next(), FreePorts.next(), FreePorts.next())
                    : new Ports(settings.hosts.address(i), NAMESPACED_SERVICE_PORT, NAMESPACED_HEARTBEAT_PORT,
                            NAMESPACED_FABRIC_PORT));
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return ports.size();
    }

    /** Node {@code index}, running; throws if it is not. */
    public TernServerProcess node(int index) {
        TernServerProcess node = running.get(index);
        if (node == null) {
            throw new IllegalStateException("node " + index + " is not running");
        }
        return node;
    }

    public boolean isRunning(int index) {
        TernServerProcess node = running.get(index);
        return node != null && node.isAlive();
    }

    /** Service ports of every node, running or not. */
    public List<Integer> servicePorts() {
        return ports.stream().map(Ports::service).toList();
    }

    /** The address node {@code index} listens on (and clients connect to), running or not. */
    public String host(int index) {
        return ports.get(index).host();
    }

    /** Starts node {@code index} (again), on its ports and with its namespace stanza. */
    public TernServerProcess start(int index) {
        if (isRunning(index)) {
            throw new IllegalStateException("node " + index + " is already running");
        }
        List<String> seeds = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            if (i != index) {
                seeds.add(ports.get(i).host() + ":" + ports.get(i).heartbeat());
            }
        }
        Ports own = ports.get(index);
        TernServerBuilder builder = TernServerProcess.builder().address(own.host()).servicePort(own.service())
                .clusterPorts(own.heartbeat(), own.fabric())
                .cluster(new ServerConfigText.Cluster(0, seeds, settings.heartbeatIntervalMs,
                        settings.heartbeatTimeouts, settings.migrateThreads))
                .namespace(settings.namespace.apply(index));
        settings.extraStanzas.forEach(builder::extraStanza);
        settings.jvmOptions.forEach(builder::jvmOption);
        if (settings.hosts != null) {
            builder.networkNamespace(settings.hosts.name(index));
        }
        TernServerProcess node = builder.start();
        running.put(index, node);
        return node;
    }

    /** SIGKILL. */
    public void kill(int index) {
        TernServerProcess node = running.remove(index);
        if (node != null) {
            node.kill();
            node.close();
        }
    }

    /** A clean shutdown. */
    public void stop(int index) {
        TernServerProcess node = running.remove(index);
        if (node != null) {
            node.close();
        }
    }

    /**
     * Waits until every running node reports {@code size} members, the same cluster key, no migration left and
     * {@code cluster-stable} says so, and still does a second later. Returns the key.
     *
     * @throws IllegalStateException with each node's statistics when {@code timeout} passes first
     */
    public String awaitStable(int size, Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        String stableKey = null;
        long stableSinceNs = 0;
        while (true) {
            String key = stableKey(size);
            long nowNs = System.nanoTime();
            if (key != null && key.equals(stableKey)) {
                if (nowNs - stableSinceNs >= 1_000_000_000L) {
                    return key;
                }
            } else {
                stableKey = key;
                stableSinceNs = nowNs;
            }
            if (nowNs - deadlineNs > 0) {
                throw new IllegalStateException("cluster of " + size + " not stable within " + timeout + ":\n"
                        + describe());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the cluster", e);
            }
        }
    }

    /** The common cluster key when every running node is stable at {@code size}, else null. */
    private String stableKey(int size) {
        String key = null;
        for (TernServerProcess node : running.values()) {
            Map<String, String> info;
            try {
                info = node.info("cluster-stable:size=" + size, "statistics");
            } catch (RuntimeException e) {
                return null;
            }
            String stable = info.get("cluster-stable:size=" + size);
            if (stable == null || stable.startsWith("ERROR")) {
                return null;
            }
            Map<String, String> statistics = keyValues(info.get("statistics"), ';');
            if (!"0".equals(statistics.get("migrate_partitions_remaining")) || key != null && !key.equals(stable)) {
                return null;
            }
            key = stable;
        }
        return running.size() == size ? key : null;
    }

    /** Each running node's view, for failure messages. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Integer, TernServerProcess> entry : running.entrySet()) {
            out.append("node ").append(entry.getKey()).append(" (").append(entry.getValue().host()).append(':')
                    .append(entry.getValue().port()).append("): ");
            try {
                Map<String, String> statistics = keyValues(
                        entry.getValue().info("statistics").get("statistics"), ';');
                out.append("cluster_size=").append(statistics.get("cluster_size")).append(" cluster_key=")
                        .append(statistics.get("cluster_key")).append(" migrate_partitions_remaining=")
                        .append(statistics.get("migrate_partitions_remaining"));
            } catch (RuntimeException e) {
                out.append(e.getMessage());
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** {@code k=v;k=v} (or another separator) as a map. */
    public static Map<String, String> keyValues(String text, char separator) {
        Map<String, String> values = new HashMap<>();
        if (text == null) {
            return values;
        }
        for (String pair : text.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return values;
    }

    @Override
    public void close() {
        for (TernServerProcess node : running.values()) {
            node.close();
        }
        running.clear();
    }
}
