package io.terndb.cluster;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.membership.HeartbeatTracker;
import io.terndb.cluster.membership.Membership;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.message.ControlMessage.Exchange;
import io.terndb.cluster.message.ControlMessage.ExchangeAck;
import io.terndb.cluster.message.NamespaceVersions;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.migration.MigrationManager;
import io.terndb.cluster.migration.MigrationTask;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.partition.PartitionState;
import io.terndb.cluster.replication.ReplicaWrites;
import io.terndb.cluster.transport.ControlTransport;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.cluster.transport.FabricHandler;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.RecordVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's distribution layer: membership (heartbeats and Paxos), the exchange of partition versions after every
 * new view, the rebalance that turns them into partition states, and the migrations and replica writes that follow.
 * The control plane ({@link #tick}, {@link #receive}) runs on one agent thread, or in a simulator; fabric frames
 * ({@link #receiveFabric}) arrive on any thread.
 *
 * <p>Between a new view and its rebalance, every partition is "not ready": transactions wait, replica writes and
 * migrations of the new view are asked to come again, those of the old one are refused.
 */
public final class ClusterNode implements Membership.Listener {

    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final ClusterSettings settings;
    private final ControlTransport control;
    private final DataTransport data;
    private final FabricHandler fabricHandler;
    private final Membership membership;
    private final Map<String, NamespacePartitions> namespaces = new LinkedHashMap<>();
    private final MigrationManager migrations;
    private final ReplicaWrites replicaWrites;
    private final RandomGenerator random;
    private final AtomicInteger partitionGeneration = new AtomicInteger();
    private final AtomicInteger rebalanceGeneration = new AtomicInteger();

    /** The view being exchanged, and what was received for it. */
    private ClusterView pendingView;
    private final Map<Long, Exchange> exchanged = new HashMap<>();
    private final Set<Long> exchangeAcked = new HashSet<>();
    /** This node's versions for the latest installed view; sent until every member acknowledged them. */
    private Exchange ownExchange;
    private ClusterView exchangeView;
    private long lastExchangeSendMs;
    /** Exchanges for views this node has not installed yet (a faster member's), by sender. */
    private final Map<Long, Exchange> early = new HashMap<>();
    private volatile ClusterView view;
    private volatile long rebalancedAtMs;
    private final io.terndb.cluster.metadata.SystemMetadata metadata = new io.terndb.cluster.metadata.SystemMetadata();

    /**
     * @param migrateThreads emigrations at once ({@code migrate-threads})
     * @param clockMs        milliseconds for acknowledgements that arrive off the agent thread
     */
    public ClusterNode(ClusterSettings settings, NodeEndpoints endpoints, ControlTransport control, DataTransport data,
            FabricHandler fabricHandler, List<ClusterNamespace> namespaceList, int migrateThreads,
            RandomGenerator random, java.util.function.LongSupplier clockMs, long nowMs) {
        this.settings = settings;
        this.control = control;
        this.data = data;
        this.fabricHandler = fabricHandler;
        this.random = random;
        for (ClusterNamespace namespace : namespaceList) {
            namespaces.put(namespace.name(), new NamespacePartitions(namespace, settings.nodeId()));
        }
        this.membership = new Membership(settings, endpoints, control, random, this, nowMs);
        this.migrations = new MigrationManager(settings.nodeId(), data, namespaces, migrateThreads,
                settings.retransmitMs(), clockMs, partitionGeneration::incrementAndGet, random.nextLong());
        this.replicaWrites = new ReplicaWrites(data, settings.retransmitMs());
    }

    /** Data this node kept across a restart is a subset of a lineage only it knows: it is merged, never trusted. */
    public void adoptRestartedData() {
        for (NamespacePartitions partitions : namespaces.values()) {
            partitions.adoptRestartedData(random.nextLong() | 1);
        }
    }

    /** A node with no seeds forms its own one-node cluster at once, and is ready when this returns. */
    public void formAlone(long nowMs) {
        membership.formAlone(nowMs);
    }

    public long self() {
        return settings.nodeId();
    }

    public ClusterSettings settings() {
        return settings;
    }

    /** The view of the last completed rebalance; null before the first. */
    public ClusterView view() {
        return view;
    }

    public Membership membership() {
        return membership;
    }

    public NamespacePartitions namespace(String name) {
        return namespaces.get(name);
    }

    public Iterable<NamespacePartitions> namespaces() {
        return namespaces.values();
    }

    public io.terndb.cluster.metadata.SystemMetadata metadata() {
        return metadata;
    }

    /**
     * Sets a system-metadata item here and on every member (any thread). The future completes once every other
     * member of the current view has applied it (or left the view).
     */
    public java.util.concurrent.CompletableFuture<Void> setMetadata(String module, String key, String value,
            long nowMs) {
        ClusterView current = view;
        long[] others = current == null ? new long[0] : java.util.Arrays.stream(current.succession())
                .filter(id -> id != self()).toArray();
        return metadata.set(module, key, value, nowMs, others).delivered();
    }

    public MigrationManager migrations() {
        return migrations;
    }

    public ReplicaWrites replicaWrites() {
        return replicaWrites;
    }

    public DataTransport dataTransport() {
        return data;
    }

    /** Bumped whenever this node's claims in {@code replicas} may have changed. */
    public int partitionGeneration() {
        return partitionGeneration.get();
    }

    public int rebalanceGeneration() {
        return rebalanceGeneration.get();
    }

    public long rebalancedAtMs() {
        return rebalancedAtMs;
    }

    /** Whether a view is installed whose exchange has not finished. */
    public boolean exchanging() {
        return pendingView != null;
    }

    public void tick(long nowMs) {
        membership.tick(nowMs);
        if (exchangeView != null && nowMs - lastExchangeSendMs >= settings.retransmitMs()) {
            sendExchange(nowMs);
        }
        replicaWrites.tick(nowMs);
        sendMetadata(nowMs);
    }

    /** Sends new metadata changes at once (the next tick), unacknowledged ones again after a while. */
    private void sendMetadata(long nowMs) {
        for (io.terndb.cluster.metadata.SystemMetadata.Pending pending : metadata.due(nowMs,
                settings.retransmitMs())) {
            ControlMessage.Metadata message = new ControlMessage.Metadata(self(), pending.id(), pending.entries());
            for (long member : pending.waiting()) {
                HeartbeatTracker.Peer peer = membership.tracker().peer(member);
                if (peer != null && peer.last() != null) {
                    control.send(member, peer.last().endpoints().heartbeat(), message);
                }
            }
        }
    }

    public void receive(ControlMessage message, long nowMs) {
        switch (message) {
            case Exchange exchange -> onExchange(exchange, nowMs);
            case ExchangeAck ack -> {
                if (exchangeView != null && ack.clusterKey() == exchangeView.clusterKey()) {
                    exchangeAcked.add(ack.from());
                    if (exchangeAcked.size() == exchangeView.size()) {
                        exchangeView = null; // every member has this node's versions
                    }
                }
            }
            case ControlMessage.Metadata update -> {
                metadata.merge(update.entries());
                HeartbeatTracker.Peer peer = membership.tracker().peer(update.from());
                if (peer != null && peer.last() != null) {
                    control.send(update.from(), peer.last().endpoints().heartbeat(),
                            new ControlMessage.MetadataAck(self(), update.id()));
                }
            }
            case ControlMessage.MetadataAck ack -> metadata.acknowledged(ack.from(), ack.id());
            default -> membership.receive(message, nowMs);
        }
    }

    public void unreachable(String heartbeatEndpoint, long nowMs) {
        membership.unreachable(heartbeatEndpoint, nowMs);
    }

    /**
     * One fabric frame from {@code from}: {@code body} is after the length prefix, valid only during the call.
     *
     * @throws FabricFormatException when the frame is malformed (the caller closes the connection)
     */
    public void receiveFabric(long from, ByteBuf body) {
        try {
            int type = body.readUnsignedByte();
            switch (type) {
                case FabricLayout.REPLICA_WRITE -> onReplicaWrite(from, body);
                case FabricLayout.REPLICA_ACK -> replicaWrites.acknowledged(from, body);
                case FabricLayout.MIGRATE_START, FabricLayout.MIGRATE_START_ACK, FabricLayout.MIGRATE_RECORDS,
                        FabricLayout.MIGRATE_RECORDS_ACK, FabricLayout.MIGRATE_DONE, FabricLayout.MIGRATE_DONE_ACK,
                        FabricLayout.PARTITION_SETTLED ->
                        migrations.received(from, type, body);
                case FabricLayout.PROXY_REQUEST, FabricLayout.PROXY_REPLY, FabricLayout.DUPLICATE_REQUEST,
                        FabricLayout.DUPLICATE_REPLY -> fabricHandler.received(from, type, body);
                default -> throw new FabricFormatException("unknown fabric frame type " + type);
            }
        } catch (IndexOutOfBoundsException e) {
            throw new FabricFormatException("truncated fabric frame");
        }
    }

    private void onReplicaWrite(long from, ByteBuf body) {
        long clusterKey = body.readLongLE();
        long requestId = body.readLongLE();
        String name = Frames.readNamespace(body);
        int pid = body.readUnsignedShortLE();
        NamespacePartitions partitions = namespaces.get(name);
        if (partitions == null || pid >= PartitionId.COUNT) {
            acknowledgeReplicaWrite(from, requestId, FabricLayout.RESULT_REFUSED);
            return;
        }
        PartitionData records = partitions.data();
        records.lock(pid);
        try {
            int check = MigrationManager.checkKey(partitions.state(pid), clusterKey);
            if (check != FabricLayout.RESULT_OK) {
                acknowledgeReplicaWrite(from, requestId, check);
                return;
            }
            // Replica writes resolve by last-update time, as the original's do: the master stamped it.
            records.apply(pid, body, 1, RecordVersion.LAST_UPDATE_TIME, durable -> acknowledgeReplicaWrite(from,
                    requestId, durable ? FabricLayout.RESULT_OK : FabricLayout.RESULT_REFUSED));
        } finally {
            records.unlock(pid);
        }
    }

    private void acknowledgeReplicaWrite(long to, long requestId, int result) {
        data.send(to, Frames.ack(data.allocate(16), FabricLayout.REPLICA_ACK, requestId, result));
    }

    /** A silent peer's connections are dropped, so they come back at once when it is heard again. */
    @Override
    public void silent(long nodeId, String heartbeatEndpoint) {
        control.disconnect(heartbeatEndpoint);
        data.disconnect(nodeId);
    }

    // ----- exchange and rebalance -----

    @Override
    public void viewInstalled(ClusterView installed, long nowMs) {
        for (NamespacePartitions partitions : namespaces.values()) {
            partitions.suspend();
        }
        migrations.reset();
        pendingView = installed;
        exchangeView = installed;
        exchanged.clear();
        exchangeAcked.clear();
        ownExchange = new Exchange(self(), installed.clusterKey(), ownVersions(), metadata.all());
        metadata.retain(installed.succession());
        exchanged.put(self(), ownExchange);
        exchangeAcked.add(self());
        for (Exchange exchange : early.values()) {
            if (exchange.clusterKey() == installed.clusterKey() && installed.contains(exchange.from())) {
                exchanged.put(exchange.from(), exchange);
                metadata.merge(exchange.metadata());
            }
        }
        early.clear();
        sendExchange(nowMs);
        maybeRebalance(nowMs);
    }

    private List<NamespaceVersions> ownVersions() {
        List<NamespaceVersions> list = new ArrayList<>();
        for (NamespacePartitions partitions : namespaces.values()) {
            long[] keys = new long[PartitionId.COUNT];
            byte[] flags = new byte[PartitionId.COUNT];
            partitions.versions(keys, flags);
            ClusterNamespace namespace = partitions.namespace();
            list.add(new NamespaceVersions(namespace.name(), namespace.replicationFactor(), namespace.rackId(),
                    namespace.preferUniformBalance(), keys, flags));
        }
        return list;
    }

    private void sendExchange(long nowMs) {
        lastExchangeSendMs = nowMs;
        HeartbeatTracker tracker = membership.tracker();
        for (long member : exchangeView.succession()) {
            if (!exchangeAcked.contains(member)) {
                HeartbeatTracker.Peer peer = tracker.peer(member);
                if (peer != null && peer.last() != null) {
                    control.send(member, peer.last().endpoints().heartbeat(), ownExchange);
                }
            }
        }
    }

    private void onExchange(Exchange exchange, long nowMs) {
        if (pendingView == null || exchange.clusterKey() != pendingView.clusterKey()) {
            ClusterView current = view;
            if (current == null || exchange.clusterKey() != current.clusterKey()) {
                early.put(exchange.from(), exchange); // for a view not installed here yet
            } else {
                acknowledgeExchange(exchange); // a retransmission of a finished exchange
            }
            return;
        }
        if (!pendingView.contains(exchange.from())) {
            return;
        }
        exchanged.put(exchange.from(), exchange);
        metadata.merge(exchange.metadata());
        acknowledgeExchange(exchange);
        maybeRebalance(nowMs);
    }

    private void acknowledgeExchange(Exchange exchange) {
        HeartbeatTracker.Peer peer = membership.tracker().peer(exchange.from());
        if (peer != null && peer.last() != null) {
            control.send(exchange.from(), peer.last().endpoints().heartbeat(),
                    new ExchangeAck(self(), exchange.clusterKey()));
        }
    }

    private void maybeRebalance(long nowMs) {
        if (pendingView == null || exchanged.size() < pendingView.size()) {
            return;
        }
        ClusterView balanced = pendingView;
        List<MigrationTask> tasks = new ArrayList<>();
        for (NamespacePartitions partitions : namespaces.values()) {
            tasks.addAll(rebalance(balanced, partitions));
        }
        pendingView = null;
        view = balanced;
        rebalancedAtMs = nowMs;
        rebalanceGeneration.incrementAndGet();
        partitionGeneration.incrementAndGet();
        replicaWrites.viewChanged(balanced);
        migrations.enqueue(tasks);
        migrations.rebalanced(balanced.clusterKey());
        log.info("rebalanced {}: {} emigration(s) queued", balanced, tasks.size());
    }

    private List<MigrationTask> rebalance(ClusterView balanced, NamespacePartitions partitions) {
        String name = partitions.namespace().name();
        List<Long> members = new ArrayList<>();
        List<NamespaceVersions> versions = new ArrayList<>();
        for (long member : balanced.succession()) {
            for (NamespaceVersions candidate : exchanged.get(member).namespaces()) {
                if (candidate.name().equals(name)) {
                    members.add(member);
                    versions.add(candidate);
                }
            }
        }
        int n = members.size();
        long[][] keys = new long[n][];
        byte[][] flags = new byte[n][];
        int[] racks = new int[n];
        int replicationFactor = Integer.MAX_VALUE;
        boolean uniform = false;
        for (int m = 0; m < n; m++) {
            NamespaceVersions version = versions.get(m);
            keys[m] = version.versionKeys();
            flags[m] = version.versionFlags();
            racks[m] = version.rackId();
            replicationFactor = Math.min(replicationFactor, Math.max(1, version.replicationFactor()));
            uniform |= version.preferUniformBalance();
        }
        List<Integer> toDrop = new ArrayList<>();
        List<MigrationTask> tasks = partitions.rebalance(balanced.clusterKey(),
                members.stream().mapToLong(Long::longValue).toArray(), keys, flags, replicationFactor, racks, uniform,
                toDrop);
        for (int pid : toDrop) {
            partitions.data().drop(pid);
        }
        return tasks;
    }

    /** The state of one partition of one namespace (null for an unknown namespace). */
    public PartitionState partition(String namespace, int pid) {
        NamespacePartitions partitions = namespaces.get(namespace);
        return partitions == null ? null : partitions.state(pid);
    }

    /** Sum over namespaces of emigrations and immigrations not yet done. */
    public long migratePartitionsRemaining() {
        long remaining = 0;
        for (NamespacePartitions partitions : namespaces.values()) {
            remaining += Math.max(0, partitions.txPartitionsRemaining.get())
                    + Math.max(0, partitions.rxPartitionsRemaining.get());
        }
        return remaining;
    }
}
