package io.terndb.client.internal.cluster;

import io.terndb.client.ClientConfig;
import io.terndb.client.ClientResultCode;
import io.terndb.client.Host;
import io.terndb.client.Replica;
import io.terndb.client.TernException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.metrics.NodeMetrics;
import io.terndb.client.internal.net.ConnectionPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client's view of the cluster, kept current by tending (reference §2.2): seeds are validated into nodes,
 * nodes list their peers, and each node's partition claims are merged into the {@link PartitionMap}. Every tend
 * polls each node's name and generations and fetches peers or replicas only when a generation moved. A node is
 * dropped when it answers with another name, fails {@value #FAILURES_MAX} tends in a row, or fails once while no
 * other node lists it as a peer. With no node left, the next tend starts again from the seeds.
 */
public final class Cluster implements AutoCloseable {

    static final int FAILURES_MAX = 3;
    /** A pooled connection idle this long is checked for stray bytes before it carries a command. */
    static final long HEALTH_CHECK_IDLE_NS = TimeUnit.SECONDS.toNanos(1);
    static final List<String> VALIDATE = List.of("node", "partition-generation", "features");
    static final List<String> REFRESH = List.of("node", "peers-generation", "partition-generation");
    static final List<String> PARTITIONS = List.of("partition-generation", "replicas");
    static final List<String> PEERS = List.of("peers-clear-std");

    private final ClientConfig config;
    private final InfoTransport transport;
    private final Metrics metrics;
    private final Object tendLock = new Object();
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile List<Node> nodes = List.of();
    /** Nodes dropped while their sync connections may still carry commands; the watchdog keeps timing those. */
    private final java.util.Queue<Node> retired = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private volatile PartitionMap partitions = PartitionMap.EMPTY;
    private volatile boolean closed;
    private Thread tender;

    public Cluster(ClientConfig config, InfoTransport transport, Metrics metrics) {
        this.config = config;
        this.transport = transport;
        this.metrics = metrics;
    }

    /**
     * Tends once (seeding the cluster), then keeps tending every {@code tendInterval} on a daemon thread.
     *
     * @throws TernException SERVER_NOT_AVAILABLE if no seed answered
     */
    public void start() {
        tend();
        if (nodes.isEmpty()) {
            transport.close();
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "no seed answered: " + config.seeds(),
                    null, false);
        }
        tender = Thread.ofPlatform().daemon().name("tern-tend").start(this::tendLoop);
    }

    private void tendLoop() {
        long intervalNs = config.tendInterval().toNanos();
        while (!closed) {
            try {
                TimeUnit.NANOSECONDS.sleep(intervalNs);
                tend();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // a tend that failed half-way is retried at the next interval; commands keep the last map
            }
        }
    }

    public List<Node> nodes() {
        return nodes;
    }

    public PartitionMap partitions() {
        return partitions;
    }

    public Metrics metrics() {
        return metrics;
    }

    public ClientConfig config() {
        return config;
    }

    /** The node for a command; see {@link PartitionMap#node}. */
    public Node node(String namespace, int partitionId, Replica replica, int attempt, boolean write) {
        int spread = replica == Replica.ANY && !write ? sequence.getAndIncrement() : 0;
        return partitions.node(namespace, partitionId, replica, attempt, write, spread);
    }

    /** Any active node, for commands not tied to a partition (info). */
    public Node anyNode() {
        List<Node> current = nodes;
        for (int i = 0; i < current.size(); i++) {
            Node node = current.get(Math.floorMod(sequence.getAndIncrement(), current.size()));
            if (node.isActive()) {
                return node;
            }
        }
        throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "no node is active", null, false);
    }

    public Node nodeNamed(String name) {
        for (Node node : nodes) {
            if (node.name().equals(name)) {
                return node;
            }
        }
        throw new TernException(ClientResultCode.INVALID_NODE, "no node named " + name, null, false);
    }

    /** One tend pass. Public so tests drive tending step by step with a scripted {@link InfoTransport}. */
    public void tend() {
        synchronized (tendLock) {
            if (closed) {
                return;
            }
            if (nodes.isEmpty()) {
                seed();
            }
            Set<Node> needPeers = new LinkedHashSet<>();
            Set<Node> needPartitions = new LinkedHashSet<>();
            List<Node> renamed = new ArrayList<>();
            for (Node node : nodes) {
                refresh(node, needPeers, needPartitions, renamed);
            }
            for (Node node : needPeers) {
                needPartitions.addAll(fetchPeers(node));
            }
            fetchPartitions(needPartitions);
            removeNodes(renamed);
            long nowNs = System.nanoTime();
            for (Node node : nodes) {
                node.pool().maintain(nowNs);
            }
        }
    }

    private void seed() {
        for (Host seed : config.seeds()) {
            String name = validate(seed);
            if (name != null && nodes.stream().noneMatch(node -> node.name().equals(name))) {
                addNode(name, seed);
            }
        }
    }

    /** Asks {@code host} who it is; returns its node name, or null if it is unusable. */
    private String validate(Host host) {
        List<String> commands = new ArrayList<>(VALIDATE);
        if (config.clusterName() != null) {
            commands.add("cluster-name");
        }
        try {
            Map<String, String> reply = transport.request(host, commands);
            String name = reply.get("node");
            long generation = Long.parseLong(reply.getOrDefault("partition-generation", "-1"));
            boolean sameCluster = config.clusterName() == null
                    || config.clusterName().equals(reply.get("cluster-name"));
            boolean partitionScans = reply.getOrDefault("features", "").contains("pscans");
            if (name == null || name.isEmpty() || generation < 0 || !sameCluster || !partitionScans) {
                transport.forget(host);
                return null;
            }
            return name;
        } catch (IOException | RuntimeException e) {
            transport.forget(host);
            return null;
        }
    }

    private void refresh(Node node, Set<Node> needPeers, Set<Node> needPartitions, List<Node> renamed) {
        try {
            Map<String, String> reply = transport.request(node.host(), REFRESH);
            if (!node.name().equals(reply.get("node"))) {
                renamed.add(node);
                return;
            }
            node.failures = 0;
            if (Long.parseLong(reply.get("peers-generation")) != node.peersGeneration) {
                needPeers.add(node);
            }
            if (Long.parseLong(reply.get("partition-generation")) != node.partitionGeneration) {
                needPartitions.add(node);
            }
        } catch (IOException | RuntimeException e) {
            node.failures++;
        }
    }

    /**
     * Reads {@code node}'s peers and adds the new ones; returns the nodes added. The peers generation is taken only
     * when every peer could be added: a peer that cannot be validated yet (a joining node is listed before it has
     * rebalanced, and answers partition-generation -1 until then) is tried again at the next tend, not forgotten
     * until the generation moves again.
     */
    private List<Node> fetchPeers(Node node) {
        List<Node> added = new ArrayList<>();
        try {
            Peers peers = Peers.parse(transport.request(node.host(), PEERS).getOrDefault(PEERS.get(0), ""));
            Set<String> names = new HashSet<>();
            boolean complete = true;
            for (Peers.Peer peer : peers.peers()) {
                names.add(peer.name());
                if (nodes.stream().noneMatch(known -> known.name().equals(peer.name()))) {
                    complete &= addPeer(peer, added);
                }
            }
            node.peerNames = Set.copyOf(names);
            if (complete) {
                node.peersGeneration = peers.generation();
            }
        } catch (IOException | RuntimeException e) {
            node.failures++;
        }
        return added;
    }

    /** Adds the peer at the first of its addresses that validates; false if none does. */
    private boolean addPeer(Peers.Peer peer, List<Node> added) {
        for (Host host : peer.hosts()) {
            if (peer.name().equals(validate(host))) {
                added.add(addNode(peer.name(), host));
                return true;
            }
        }
        return false;
    }

    private void fetchPartitions(Set<Node> needPartitions) {
        Set<Node> pending = new LinkedHashSet<>(needPartitions);
        int rounds = 0;
        while (!pending.isEmpty() && rounds++ < FAILURES_MAX) {
            Set<Node> displaced = new LinkedHashSet<>();
            for (Node node : pending) {
                fetchPartitions(node, displaced);
            }
            displaced.removeIf(node -> !node.isActive());
            pending = displaced;
        }
        for (Node node : pending) {
            node.partitionGeneration = -1; // fetch again at the next tend
        }
    }

    private void fetchPartitions(Node node, Set<Node> displaced) {
        try {
            Map<String, String> reply = transport.request(node.host(), PARTITIONS);
            long generation = Long.parseLong(reply.get("partition-generation"));
            Replicas replicas = Replicas.parse(reply.getOrDefault("replicas", ""));
            partitions = partitions.withClaims(node, replicas, displaced);
            node.partitionGeneration = generation;
        } catch (IOException | RuntimeException e) {
            node.failures++;
        }
    }

    private Node addNode(String name, Host host) {
        InetSocketAddress address = new InetSocketAddress(host.name(), host.port());
        NodeMetrics nodeMetrics = new NodeMetrics(name);
        ConnectionPool pool = new ConnectionPool(name, address, config.minConnectionsPerNode(),
                config.maxConnectionsPerNode(), config.maxIdle().toNanos(),
                (int) config.connectTimeout().toMillis(), HEALTH_CHECK_IDLE_NS, metrics, nodeMetrics);
        Node node = new Node(name, host, address, pool, nodeMetrics, config.eventLoops());
        List<Node> updated = new ArrayList<>(nodes);
        updated.add(node);
        nodes = List.copyOf(updated);
        return node;
    }

    private void removeNodes(List<Node> renamed) {
        List<Node> leaving = new ArrayList<>(renamed);
        for (Node node : nodes) {
            boolean listed = nodes.stream().anyMatch(other -> other != node && other.failures == 0
                    && other.peerNames.contains(node.name()));
            if (node.failures >= FAILURES_MAX || node.failures > 0 && nodes.size() > 1 && !listed) {
                leaving.add(node);
            }
        }
        for (Node node : leaving) {
            retired.add(node);
            node.deactivate();
            partitions = partitions.without(node);
            node.pool().close();
            transport.forget(node.host());
        }
        if (!leaving.isEmpty()) {
            List<Node> remaining = new ArrayList<>(nodes);
            remaining.removeAll(leaving);
            nodes = List.copyOf(remaining);
        }
    }

    /** Dropped nodes that still have open sync connections; ones with none left are forgotten here. */
    public java.util.Collection<Node> retiredNodes() {
        retired.removeIf(node -> node.pool().openConnections() == 0);
        return retired;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        synchronized (tendLock) {
            closed = true;
        }
        if (tender != null) {
            tender.interrupt();
            try {
                tender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Node node : nodes) {
            node.deactivate();
            node.pool().close();
        }
        transport.close();
    }
}
