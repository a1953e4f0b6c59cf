package io.terndb.cluster.sim;

import io.terndb.cluster.ClusterSettings;
import io.terndb.cluster.ClusterView;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.partition.PartitionState;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.ResultCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A whole cluster on one thread and a virtual clock: nodes that crash and restart, network partitions, lost,
 * duplicated and reordered control messages, and a client writing distinct keys throughout. Everything random comes
 * from one seed, so a failing run is replayed exactly by {@link #replayCommand}. Faults stay within the budget a
 * replication factor of 2 survives: one fault at a time, each after the cluster has settled from the last.
 *
 * <p>Invariants checked: never two nodes of one view serving one partition at once; views converge once faults
 * stop; every partition then has exactly one master and its replicas, and every acknowledged write is on every
 * replica of its partition, nowhere else.
 */
final class Simulation {

    /** What a run is made of; the seed decides the rest. */
    record Shape(int nodes, int faults, boolean durable, double lossRate) {
    }

    private final long seed;
    private final SplittableRandom random;
    private final Shape shape;
    private final SimNetwork network;
    private final Map<Long, SimNode> nodes = new LinkedHashMap<>();
    private final List<Long> seeds = new ArrayList<>();
    private final int intervalMs;
    private final int timeoutIntervals;
    private final Map<Long, Long> acknowledged = new HashMap<>();
    private final List<PendingWrite> writes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private long nextKey = 1;
    private long nowMs;
    long writesAcknowledged;
    long writesInDoubt;

    private final class PendingWrite {
        final long key;
        final long value;
        final long deadlineMs;
        long nextAttemptMs;
        int hops;
        boolean sent;

        PendingWrite(long key, long value, long deadlineMs) {
            this.key = key;
            this.value = value;
            this.deadlineMs = deadlineMs;
        }
    }

    Simulation(long seed, Shape shape) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.shape = shape;
        this.network = new SimNetwork(random.split(), shape.lossRate(), shape.lossRate() / 2, 3);
        this.intervalMs = 50 + random.nextInt(101);
        this.timeoutIntervals = 5 + random.nextInt(6);
    }

    private ClusterSettings settings(long nodeId) {
        return new ClusterSettings(nodeId, "sim", intervalMs, timeoutIntervals);
    }

    static String replayCommand(long seed) {
        return "./tern test -pl tern-cluster -Dtest=ClusterSimulationTest#replay -Dsim.seed=" + seed;
    }

    /** Runs the whole schedule; throws {@link AssertionError} naming the seed on any broken invariant. */
    void run() {
        try {
            for (int i = 0; i < shape.nodes(); i++) {
                long id = 0xBB90_0000_0000_0000L + random.nextLong(1, 0xFFFF_FFFFL);
                SimNode node = new SimNode(id, network, shape.durable(), 2);
                nodes.put(id, node);
                if (seeds.size() < 2) {
                    seeds.add(id);
                }
            }
            for (SimNode node : nodes.values()) {
                node.start(nowMs, seeds, settings(node.id), random);
            }
            awaitStable(30_000, "initial formation");
            for (int fault = 0; fault < shape.faults(); fault++) {
                runFor(200 + random.nextInt(800));
                injectFault();
                awaitStable(60_000, "recovery from " + events.get(events.size() - 1));
            }
            runFor(500);
            finishWrites();
            awaitStable(60_000, "the end");
            checkFinalState();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("simulation failed at " + nowMs + " ms: " + e.getMessage()
                    + "\nevents: " + events + "\nnodes: " + nodes.values() + "\nreplay: " + replayCommand(seed), e);
        }
    }

    private void injectFault() {
        List<SimNode> up = nodes.values().stream().filter(SimNode::up).toList();
        int kind = random.nextInt(4);
        SimNode victim = up.get(random.nextInt(up.size()));
        if (kind == 0 && up.size() > 2) {
            note("crash " + Long.toHexString(victim.id));
            victim.crash();
            runFor(300 + random.nextInt(3_000));
            note("restart " + Long.toHexString(victim.id));
            victim.start(nowMs, seedsFor(victim.id), settings(victim.id), random);
        } else if (kind == 1) {
            note("isolate " + Long.toHexString(victim.id));
            network.partition(Set.of(victim.id));
            runFor(1_000 + random.nextInt(4_000));
            note("heal");
            network.heal();
        } else if (kind == 2 && up.size() > 2) {
            note("kill for good " + Long.toHexString(victim.id));
            victim.crash();
            long id = 0xBB90_0000_0000_0000L + random.nextLong(1, 0xFFFF_FFFFL);
            runFor(1_000 + random.nextInt(2_000));
            SimNode fresh = new SimNode(id, network, shape.durable(), 2);
            nodes.put(id, fresh);
            note("add " + Long.toHexString(id));
            fresh.start(nowMs, seedsFor(id), settings(id), random);
        } else {
            note("flap " + Long.toHexString(victim.id));
            for (int i = 0; i < 3 && up.size() > 2; i++) {
                victim.crash();
                runFor(100 + random.nextInt(400));
                victim.start(nowMs, seedsFor(victim.id), settings(victim.id), random);
                runFor(200 + random.nextInt(800));
            }
        }
    }

    /** What an operator would list as seeds for a node started now: two nodes that are up. */
    private List<Long> seedsFor(long nodeId) {
        List<Long> live = new ArrayList<>();
        for (SimNode node : nodes.values()) {
            if (node.up() && node.id != nodeId && live.size() < 2) {
                live.add(node.id);
            }
        }
        return live;
    }

    private void note(String event) {
        events.add(nowMs + " " + event);
    }

    private void runFor(long durationMs) {
        long endMs = nowMs + durationMs;
        while (nowMs < endMs) {
            step();
        }
    }

    private void step() {
        step(true);
    }

    /** One simulated millisecond: deliveries, every node's timers, the client (new writes only if asked). */
    private void step(boolean newWrites) {
        nowMs++;
        network.nowMs = nowMs;
        network.deliver();
        for (SimNode node : List.copyOf(nodes.values())) {
            node.step(nowMs);
        }
        if (newWrites && random.nextInt(4) == 0) {
            long key = nextKey++;
            writes.add(new PendingWrite(key, random.nextLong(), nowMs + 3_000));
        }
        driveWrites();
        if (nowMs % 25 == 0) {
            checkSingleMasters();
        }
        watch();
    }

    private static final long WATCHED = Long.getLong("sim.watch", 0);
    private String lastWatch = "";

    /** With {@code -Dsim.watch=KEY}: prints every change of where that key is and its partition's states. */
    private void watch() {
        if (WATCHED == 0) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (SimNode node : nodes.values()) {
            if (node.up()) {
                line.append("\n  ").append(Long.toHexString(node.id)).append(" has=")
                        .append(node.data.get(WATCHED)).append(" ").append(node.state(WATCHED));
            }
        }
        String text = line.toString();
        if (!text.equals(lastWatch)) {
            lastWatch = text;
            System.out.println(nowMs + " key " + WATCHED + ":" + text);
        }
    }

    /** The client: sends each write to a node that serves its partition, following forwards, retrying. */
    private void driveWrites() {
        List<SimNode> up = nodes.values().stream().filter(SimNode::up).toList();
        if (up.isEmpty()) {
            return;
        }
        for (PendingWrite write : List.copyOf(writes)) {
            if (write.sent || nowMs < write.nextAttemptMs) {
                continue;
            }
            if (nowMs >= write.deadlineMs) {
                writes.remove(write);
                continue;
            }
            SimNode target = up.get(random.nextInt(up.size()));
            for (int hop = 0; hop < 4; hop++) {
                SimNode.Route route = target.write(write.key, write.value, nowMs, write.deadlineMs,
                        result -> finished(write, result));
                if (route == SimNode.Route.APPLIED) {
                    write.sent = true;
                    break;
                }
                if (route == SimNode.Route.NOT_READY) {
                    break;
                }
                SimNode next = nodes.get(target.state(write.key).proxyTarget());
                if (next == null || !next.up() || !network.connected(target.id, next.id)) {
                    break;
                }
                target = next;
            }
            if (!write.sent) {
                write.nextAttemptMs = nowMs + 5;
            }
        }
    }

    private void finished(PendingWrite write, int result) {
        writes.remove(write);
        if (result == ResultCode.OK) {
            acknowledged.put(write.key, write.value);
            writesAcknowledged++;
        } else {
            writesInDoubt++;
        }
    }

    private void finishWrites() {
        long endMs = nowMs + 10_000;
        while (!writes.isEmpty() && nowMs < endMs) {
            step(false);
        }
    }

    /** Never two nodes of one rebalanced view serving one partition at once. */
    private void checkSingleMasters() {
        Map<Long, long[]> servingByKey = new HashMap<>();
        for (SimNode node : nodes.values()) {
            if (!node.up() || node.cluster.view() == null) {
                continue;
            }
            NamespacePartitions partitions = node.cluster.namespace(SimNode.NAMESPACE);
            long lastKey = 0;
            long[] serving = null;
            for (int pid = 0; pid < PartitionId.COUNT; pid++) {
                PartitionState state = partitions.state(pid);
                if (!state.ready() || !state.serving()) {
                    continue;
                }
                if (serving == null || state.clusterKey() != lastKey) {
                    lastKey = state.clusterKey();
                    serving = servingByKey.computeIfAbsent(lastKey, k -> new long[PartitionId.COUNT]);
                }
                if (serving[pid] != 0 && serving[pid] != node.id) {
                    throw new AssertionError("partition " + pid + " served by " + NodeIds.format(serving[pid])
                            + " and " + NodeIds.format(node.id) + " in view " + NodeIds.format(state.clusterKey()));
                }
                serving[pid] = node.id;
            }
        }
    }

    private void awaitStable(long timeoutMs, String what) {
        long deadlineMs = nowMs + timeoutMs;
        long stableSinceMs = -1;
        while (nowMs < deadlineMs) {
            step();
            if (stable()) {
                if (stableSinceMs < 0) {
                    stableSinceMs = nowMs;
                }
                if (nowMs - stableSinceMs >= 200) {
                    return;
                }
            } else {
                stableSinceMs = -1;
            }
        }
        throw new AssertionError("not stable " + timeoutMs + " ms after " + what);
    }

    /** Every node up is in one view of all nodes up, rebalanced, with no migration left. */
    boolean stable() {
        Set<Long> up = new HashSet<>();
        for (SimNode node : nodes.values()) {
            if (node.up()) {
                up.add(node.id);
            }
        }
        Long key = null;
        for (SimNode node : nodes.values()) {
            if (!node.up()) {
                continue;
            }
            ClusterView view = node.cluster.view();
            if (view == null || node.cluster.exchanging() || view.size() != up.size()
                    || !up.stream().allMatch(view::contains)) {
                return false;
            }
            if (key != null && key != view.clusterKey()) {
                return false;
            }
            key = view.clusterKey();
            if (node.cluster.migratePartitionsRemaining() != 0 || node.cluster.migrations().pending() != 0) {
                return false;
            }
        }
        return key != null;
    }

    private void checkFinalState() {
        List<SimNode> up = nodes.values().stream().filter(SimNode::up).toList();
        for (int pid = 0; pid < PartitionId.COUNT; pid++) {
            int masters = 0;
            for (SimNode node : up) {
                masters += node.cluster.partition(SimNode.NAMESPACE, pid).serving() ? 1 : 0;
            }
            if (masters != 1) {
                throw new AssertionError("partition " + pid + " has " + masters + " masters once stable");
            }
        }
        int replicas = Math.min(2, up.size());
        for (Map.Entry<Long, Long> write : acknowledged.entrySet()) {
            long key = write.getKey();
            int copies = 0;
            for (SimNode node : up) {
                SimData.Version version = node.data.get(key);
                PartitionState state = node.state(key);
                boolean replica = state.isReplica(node.id);
                if (version != null) {
                    copies++;
                    if (!replica) {
                        throw new AssertionError("key " + key + " kept on non-replica " + Long.toHexString(node.id));
                    }
                    if (version.value() != write.getValue()) {
                        throw new AssertionError("key " + key + " holds another value on " + Long.toHexString(node.id));
                    }
                } else if (replica) {
                    throw new AssertionError("acknowledged key " + key + " (partition " + state.pid()
                            + ") missing on replica " + Long.toHexString(node.id) + ": " + state);
                }
            }
            if (copies != replicas) {
                throw new AssertionError("key " + key + " has " + copies + " copies, expected " + replicas);
            }
        }
    }

    String summary() {
        return "seed " + seed + ": " + events.size() + " faults, " + writesAcknowledged + " writes acknowledged, "
                + writesInDoubt + " in doubt, " + network.controlSent + " control messages (" + network.controlLost
                + " lost), " + network.dataFrames + " fabric frames, " + nowMs + " ms simulated";
    }
}
