package io.terndb.server.info;

import io.terndb.cluster.ClusterNode;
import io.terndb.cluster.ClusterView;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.partition.PartitionState;
import io.terndb.protocol.PartitionId;
import io.terndb.server.cluster.ClusterService;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The info commands that describe the cluster, as the official clients read them while tending (peers, replicas,
 * partition-generation) and as operators read them (cluster-stable, statistics, namespace migration counters).
 */
final class ClusterInfo {

    /** The port the original leaves out of peer addresses (and prints as the default). */
    static final int DEFAULT_SERVICE_PORT = 3000;

    private final ClusterService cluster;
    private final Namespaces namespaces;
    private final InstantSource clock;

    ClusterInfo(ClusterService cluster, Namespaces namespaces, InstantSource clock) {
        this.cluster = cluster;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    void register(Map<String, Function<InfoCommand, String>> handlers) {
        handlers.put("partition-generation", c -> Integer.toString(partitionGeneration()));
        handlers.put("peers-generation", c -> Integer.toString(peersGeneration()));
        handlers.put("rebalance-generation", c -> Integer.toString(node().rebalanceGeneration()));
        handlers.put("cluster-generation", c -> Integer.toString(node().rebalanceGeneration()));
        handlers.put("peers-clear-std", c -> peers(false));
        handlers.put("peers-clear-alt", c -> peers(false));
        handlers.put("peers-tls-std", c -> peers(true));
        handlers.put("peers-tls-alt", c -> peers(true));
        handlers.put("services", c -> services());
        handlers.put("cluster-stable", this::clusterStable);
        handlers.put("cluster-key", c -> clusterKey());
        handlers.put("replicas", c -> replicas(true));
        handlers.put("replicas-all", c -> replicas(false));
        handlers.put("replicas-master", c -> replicasMaster());
        handlers.put("partition-state", this::partitionState);
    }

    /**
     * {@code partition-state:namespace=NS[;partition=P]}: this node's state of one partition, or of every partition
     * still migrating (for operators and tests; TernDB's own).
     */
    private String partitionState(InfoCommand command) {
        Namespace namespace = namespaces.find(command.parameters().getOrDefault("namespace", ""));
        if (namespace == null) {
            return "ERROR:4:namespace not found";
        }
        NamespacePartitions partitions = namespace.partitions();
        String partition = command.parameters().get("partition");
        StringJoiner out = new StringJoiner("; ");
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            if (partition != null && !partition.equals(Integer.toString(pid))) {
                continue;
            }
            PartitionData data = partitions.data();
            data.lock(pid);
            try {
                PartitionState state = partitions.state(pid);
                if (partition != null || state.immigrating() || !state.ready()) {
                    out.add(state.toString());
                }
            } finally {
                data.unlock(pid);
            }
        }
        return out.toString() + " | emigrations queued or running: " + node().migrations().pending();
    }

    private ClusterNode node() {
        return cluster.node();
    }

    /** -1 until the first rebalance: the client then waits before it uses this node. */
    int partitionGeneration() {
        return node().view() == null ? -1 : node().partitionGeneration();
    }

    private int peersGeneration() {
        return Math.max(1, node().rebalanceGeneration());
    }

    String clusterKey() {
        ClusterView view = node().view();
        return view == null ? "0" : NodeIds.format(view.clusterKey());
    }

    /** {@code gen,3000,[[NODE,,[host:port,...]],...]}: the other members, ports other than 3000 kept. */
    private String peers(boolean tls) {
        StringJoiner peers = new StringJoiner(",", "[", "]");
        for (Map.Entry<Long, NodeEndpoints> member : new TreeMap<>(cluster.memberEndpoints()).entrySet()) {
            StringJoiner hosts = new StringJoiner(",", "[", "]");
            if (!tls) {
                for (String endpoint : member.getValue().service()) {
                    hosts.add(endpoint.endsWith(":" + DEFAULT_SERVICE_PORT)
                            ? endpoint.substring(0, endpoint.length() - 5) : endpoint);
                }
            }
            peers.add("[" + NodeIds.format(member.getKey()) + ",," + hosts + "]");
        }
        return peersGeneration() + "," + DEFAULT_SERVICE_PORT + "," + peers;
    }

    private String services() {
        StringJoiner out = new StringJoiner(";");
        for (NodeEndpoints endpoints : cluster.memberEndpoints().values()) {
            endpoints.service().forEach(out::add);
        }
        return out.toString();
    }

    /**
     * {@code cluster-stable[:size=N][;ignore-migrations=B][;namespace=NS]}: the cluster key when every member
     * agrees and nothing migrates, else {@code ERROR:7:...} as the original.
     */
    private String clusterStable(InfoCommand command) {
        ClusterView view = node().view();
        String size = command.parameters().get("size");
        if (view == null || node().exchanging()) {
            return "ERROR:7:unstable cluster";
        }
        if (size != null) {
            try {
                if (Integer.parseInt(size) != view.size()) {
                    return "ERROR:7:cluster not specified size";
                }
            } catch (NumberFormatException e) {
                return "ERROR:4:size must be a number";
            }
        }
        boolean ignoreMigrations = "true".equals(command.parameters().get("ignore-migrations"));
        if (!ignoreMigrations && node().migratePartitionsRemaining() > 0) {
            return "ERROR:7:unstable cluster";
        }
        return NodeIds.format(view.clusterKey());
    }

    /** {@code ns:regime,n,bitmap0,...}: the partitions this node serves (column 0) and holds whole as replica i. */
    private String replicas(boolean withRegime) {
        StringJoiner out = new StringJoiner(";");
        for (Namespace namespace : namespaces.all()) {
            NamespacePartitions partitions = namespace.partitions();
            int columns = Math.max(1, partitions.effectiveReplicationFactor());
            byte[][] bitmaps = claims(partitions, columns);
            StringJoiner entry = new StringJoiner(",", namespace.name() + ":" + (withRegime ? "0," : ""), "");
            entry.add(Integer.toString(columns));
            for (byte[] bitmap : bitmaps) {
                entry.add(Base64.getEncoder().encodeToString(bitmap));
            }
            out.add(entry.toString());
        }
        return out.toString();
    }

    private String replicasMaster() {
        StringJoiner out = new StringJoiner(";");
        for (Namespace namespace : namespaces.all()) {
            out.add(namespace.name() + ":" + Base64.getEncoder().encodeToString(
                    claims(namespace.partitions(), 1)[0]));
        }
        return out.toString();
    }

    /** The partitions this node claims per replica column, read under each partition's lock. */
    private static byte[][] claims(NamespacePartitions partitions, int columns) {
        byte[][] bitmaps = new byte[columns][PartitionId.COUNT / 8];
        PartitionData data = partitions.data();
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            data.lock(pid);
            try {
                // Between a view and its rebalance the previous claims stand: clients keep routing where the data
                // is, and the requests wait there, rather than finding the partition unowned.
                PartitionState state = partitions.state(pid);
                int column = state.serving() ? 0 : state.servesReads() ? state.selfPosition() : -1;
                if (column >= 0 && column < columns) {
                    bitmaps[column][pid >> 3] |= (byte) (0x80 >> (pid & 7));
                }
            } finally {
                data.unlock(pid);
            }
        }
        return bitmaps;
    }

    /** The {@code statistics} keys about the cluster, in the original's names. */
    void statistics(StringJoiner out) {
        ClusterView view = node().view();
        String principal = view == null ? "0" : NodeIds.format(view.principal());
        long sinceRebalanceSeconds = view == null ? 0 : (clock.millis() - node().rebalancedAtMs()) / 1000;
        out.add("cluster_size=" + (view == null ? 0 : view.size()))
                .add("cluster_key=" + clusterKey())
                .add("cluster_generation=" + node().rebalanceGeneration())
                .add("cluster_principal=" + principal)
                .add("paxos_principal=" + principal)
                .add("cluster_integrity=" + cluster.integrity())
                .add("cluster_is_member=" + (view != null))
                .add("cluster_views=" + node().membership().viewsInstalled())
                .add("time_since_rebalance=" + sinceRebalanceSeconds)
                .add("migrate_allowed=true")
                .add("migrate_partitions_remaining=" + node().migratePartitionsRemaining())
                .add("proxy_forwarded=" + cluster.proxies().forwarded.sum())
                .add("proxy_served=" + cluster.proxies().served.sum())
                .add("proxy_timeouts=" + cluster.proxies().timedOut.sum())
                .add("replica_write_retransmits=" + node().replicaWrites().retransmits.get());
        cluster.statistics((key, value) -> out.add(key + "=" + value));
    }

    /** The {@code namespace/NS} keys about the namespace's place in the cluster. */
    static void namespaceStatistics(Namespace namespace, StringJoiner out) {
        NamespacePartitions partitions = namespace.partitions();
        long[] objects = objectsByRole(namespace);
        out.add("ns_cluster_size=" + partitions.clusterSize())
                .add("effective_replication_factor=" + partitions.effectiveReplicationFactor())
                .add("master_objects=" + objects[0]).add("prole_objects=" + objects[1])
                .add("non_replica_objects=" + objects[2]).add("dead_partitions=0")
                .add("unavailable_partitions=0")
                .add("migrate_tx_partitions_initial=" + partitions.txPartitionsInitial.get())
                .add("migrate_tx_partitions_remaining=" + partitions.txPartitionsRemaining.get())
                .add("migrate_rx_partitions_initial=" + partitions.rxPartitionsInitial.get())
                .add("migrate_rx_partitions_remaining=" + partitions.rxPartitionsRemaining.get())
                .add("migrate_records_transmitted=" + partitions.recordsTransmitted.get())
                .add("migrate_records_received=" + partitions.recordsReceived.get())
                .add("migrate_fresh_partitions=" + partitions.freshPartitions.get())
                .add("client_proxy_complete=" + namespace.proxiedOut.sum())
                .add("fail_replica_write_timeout=" + namespace.replicaWritesTimedOut.sum());
    }

    /** Records (tombstones excluded) this node masters, holds as a prole, and holds as no replica. */
    private static long[] objectsByRole(Namespace namespace) {
        long[] objects = new long[3];
        NamespacePartitions partitions = namespace.partitions();
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            PartitionState state = partitions.state(pid);
            long size = namespace.store().partition(pid).size();
            int role = state.serving() ? 0 : state.selfPosition() > 0 ? 1 : 2;
            objects[role] += size;
        }
        long tombstones = namespace.store().tombstones();
        objects[0] = Math.max(0, objects[0] - tombstones);
        return objects;
    }
}
