package io.terndb.cluster.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.terndb.cluster.ClusterNamespace;
import io.terndb.cluster.ClusterNode;
import io.terndb.cluster.ClusterSettings;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.partition.PartitionState;
import io.terndb.cluster.transport.ControlTransport;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.cluster.transport.FabricHandler;
import io.terndb.protocol.RecordVersion;
import io.terndb.protocol.ResultCode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * One simulated node: the real {@link ClusterNode} over {@link SimData}, plus the small piece of a transaction path
 * a client write needs (route, stamp the version, replicate). A crash throws the node's memory away; with
 * {@code durable} data its records survive, as a device namespace's do.
 */
final class SimNode implements SimNetwork.Receiver {

    static final String NAMESPACE = "test";

    /** How a write request to this node went. */
    enum Route { APPLIED, NOT_READY, FORWARD }

    final long id;
    private final SimNetwork network;
    private final boolean durable;
    private final int replicationFactor;
    SimData data = new SimData();
    ClusterNode cluster;
    private final Set<String> reached = new LinkedHashSet<>();
    private long tickPhaseMs;

    SimNode(long id, SimNetwork network, boolean durable, int replicationFactor) {
        this.id = id;
        this.network = network;
        this.durable = durable;
        this.replicationFactor = replicationFactor;
    }

    boolean up() {
        return cluster != null;
    }

    void start(long nowMs, List<Long> seeds, ClusterSettings settings, SplittableRandom random) {
        if (!durable) {
            data = new SimData();
        }
        reached.clear();
        for (long seed : seeds) {
            if (seed != id) {
                reached.add(SimNetwork.endpoint(seed));
            }
        }
        ControlTransport control = new ControlTransport() {
            @Override
            public void broadcast(ControlMessage message) {
                for (String endpoint : reached) {
                    network.sendControl(id, endpoint, message);
                }
            }

            @Override
            public void send(long nodeId, String heartbeatEndpoint, ControlMessage message) {
                network.sendControl(id, heartbeatEndpoint, message);
            }

            @Override
            public void reach(String heartbeatEndpoint) {
                reached.add(heartbeatEndpoint);
            }
        };
        DataTransport fabric = new DataTransport() {
            @Override
            public ByteBuf allocate(int bytesHint) {
                return Unpooled.buffer(bytesHint);
            }

            @Override
            public boolean send(long node, ByteBuf frame) {
                return network.sendData(id, node, frame);
            }
        };
        NodeEndpoints endpoints = new NodeEndpoints(SimNetwork.endpoint(id), "fabric:" + Long.toHexString(id),
                List.of("service:" + Long.toHexString(id)));
        ClusterNamespace namespace = new ClusterNamespace(NAMESPACE, replicationFactor, 0, false,
                RecordVersion.GENERATION, data);
        SplittableRandom nodeRandom = random.split();
        cluster = new ClusterNode(settings, endpoints, control, fabric, FabricHandler.NONE, List.of(namespace), 2,
                nodeRandom, () -> network.nowMs, nowMs);
        tickPhaseMs = nodeRandom.nextInt(10);
        network.attach(id, this);
        if (durable) {
            cluster.adoptRestartedData();
        }
        if (seeds.isEmpty() || seeds.equals(List.of(id))) {
            cluster.formAlone(nowMs);
        }
    }

    void crash() {
        if (cluster != null) {
            cluster.replicaWrites().close();
        }
        cluster = null;
        network.crash(id);
    }

    void step(long nowMs) {
        if (cluster == null) {
            return;
        }
        if ((nowMs + tickPhaseMs) % 10 == 0) {
            cluster.tick(nowMs);
        }
        cluster.migrations().pump(nowMs);
        if (data.locked()) {
            throw new AssertionError("node " + Long.toHexString(id) + " left a partition locked");
        }
    }

    @Override
    public void control(long from, ControlMessage message) {
        cluster.receive(message, network.nowMs);
    }

    @Override
    public void data(long from, ByteBuf body) {
        cluster.receiveFabric(from, body);
    }

    @Override
    public void unreachable(String endpoint) {
        cluster.unreachable(endpoint, network.nowMs);
    }

    PartitionState state(long key) {
        return cluster.partition(NAMESPACE, SimData.partitionOf(key));
    }

    /**
     * A client write of a new key: applied here when this node serves the partition (the version stamped here,
     * once), then replicated; {@code done} hears the result once every replica has it.
     */
    Route write(long key, long value, long nowMs, long deadlineMs, IntConsumer done) {
        PartitionState state = state(key);
        int pid = state.pid();
        data.lock(pid);
        try {
            if (!state.ready()) {
                return Route.NOT_READY;
            }
            if (!state.serving()) {
                return Route.FORWARD;
            }
            SimData.Version old = data.get(key);
            int generation = old == null ? 1 : old.generation() % 0xFFFF + 1;
            long lastUpdateMs = old == null ? nowMs : Math.max(nowMs, old.lastUpdateMs() + 1);
            SimData.Version version = new SimData.Version(generation, lastUpdateMs, false, value);
            data.put(key, version);
            long[] targets = java.util.Arrays.stream(state.replicas()).filter(n -> n != id).toArray();
            if (targets.length == 0) {
                done.accept(ResultCode.OK);
                return Route.APPLIED;
            }
            cluster.replicaWrites().replicate(state.clusterKey(), NAMESPACE, pid, targets,
                    out -> SimData.write(out, key, version), 64, nowMs, deadlineMs, done::accept);
            return Route.APPLIED;
        } finally {
            data.unlock(pid);
        }
    }

    @Override
    public String toString() {
        return Long.toHexString(id) + (cluster == null ? " (down)" : " " + cluster.view());
    }
}
