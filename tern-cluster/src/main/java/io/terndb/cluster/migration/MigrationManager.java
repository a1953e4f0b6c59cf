package io.terndb.cluster.migration;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.partition.PartitionState;
import io.terndb.cluster.transport.DataTransport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All migrations of this node: the queue of emigrations (at most {@code migrate-threads} run at once), and the
 * immigrations other nodes send here. Emigrations run on whatever threads call {@link #runWorker} (the server's
 * migrate threads, each with up to {@link #PARTITIONS_PER_THREAD} partitions in flight, so a thread is not idle for
 * a round trip per partition) or {@link #pump} (a simulator); acknowledgements and immigration frames arrive
 * through {@link #received}, on fabric threads.
 */
public final class MigrationManager {

    private static final Logger log = LoggerFactory.getLogger(MigrationManager.class);

    /** One immigration in progress here, by its source and the source's migration id. */
    private record ImmigrationKey(long source, long migrationId) {
    }

    private record Immigration(NamespacePartitions partitions, int pid, long clusterKey, boolean actingMaster) {
    }

    private final long self;
    private final DataTransport transport;
    private final Map<String, NamespacePartitions> namespaces;
    private final int concurrency;
    private final long retransmitMs;
    private final LongSupplier clockMs;
    private final Runnable ownershipChanged;
    private final java.util.concurrent.ConcurrentLinkedDeque<Emigration> queue =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final List<Emigration> running = new ArrayList<>();
    private final Map<Long, Emigration> byId = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Waker> workers = new ArrayList<>();

    /** Emigrations one migrate thread keeps in flight. */
    public static final int PARTITIONS_PER_THREAD = 16;
    private final Map<ImmigrationKey, Immigration> immigrations = new java.util.concurrent.ConcurrentHashMap<>();
    /** Settled signals for a view this node has not rebalanced yet: applied by {@link #rebalanced}. */
    private record EarlySignal(NamespacePartitions partitions, int pid, long clusterKey) {
    }

    private final List<EarlySignal> earlySignals = new ArrayList<>();
    private static final int EARLY_SIGNALS_MAX = 65_536;
    private long nextMigrationId;

    /**
     * @param concurrency      emigrations in progress at once ({@code migrate-threads})
     * @param ownershipChanged told when this node starts or stops serving a partition (partition-generation)
     */
    public MigrationManager(long self, DataTransport transport, Map<String, NamespacePartitions> namespaces,
            int concurrency, long retransmitMs, LongSupplier clockMs, Runnable ownershipChanged, long idSeed) {
        this.self = self;
        this.transport = transport;
        this.namespaces = namespaces;
        this.concurrency = Math.max(1, concurrency);
        this.retransmitMs = retransmitMs;
        this.clockMs = clockMs;
        this.ownershipChanged = ownershipChanged;
        this.nextMigrationId = idSeed & Long.MAX_VALUE;
    }

    DataTransport transport() {
        return transport;
    }

    long retransmitMs() {
        return retransmitMs;
    }

    /** An emigration without any acknowledgement for this long starts over. */
    long stallMs() {
        return Math.max(2_000, 20 * retransmitMs);
    }

    synchronized long newMigrationId(Emigration emigration) {
        byId.values().remove(emigration);
        long id = ++nextMigrationId;
        byId.put(id, emigration);
        return id;
    }

    /** A new view: every migration of the previous one stops. */
    public synchronized void reset() {
        for (Emigration emigration : byId.values()) {
            emigration.abort();
        }
        byId.clear();
        queue.clear();
        running.clear();
        immigrations.clear();
        notifyAll();
    }

    public synchronized void enqueue(List<MigrationTask> tasks) {
        for (MigrationTask task : tasks) {
            NamespacePartitions partitions = namespaces.get(task.namespace());
            long id = ++nextMigrationId;
            Emigration emigration = new Emigration(task, partitions, this, id);
            byId.put(id, emigration);
            queue.add(emigration);
        }
        notifyAll();
        workers.forEach(Waker::signal);
    }

    /** Emigrations queued or running. */
    public synchronized int pending() {
        return queue.size() + running.size();
    }

    /** Steps every running emigration once and starts queued ones up to the concurrency; for a simulator. */
    public void pump(long nowMs) {
        List<Emigration> active;
        synchronized (this) {
            running.removeIf(Emigration::finished);
            while (running.size() < concurrency * PARTITIONS_PER_THREAD && !queue.isEmpty()) {
                running.add(queue.poll());
            }
            active = List.copyOf(running);
        }
        for (Emigration emigration : active) {
            emigration.step(nowMs);
        }
    }

    /**
     * A migrate thread's loop: keeps up to {@link #PARTITIONS_PER_THREAD} queued emigrations in flight, steps
     * them, and waits for an acknowledgement or a new task when none can go on. Returns only when interrupted.
     */
    public void runWorker() throws InterruptedException {
        Waker waker = new Waker();
        synchronized (this) {
            workers.add(waker);
        }
        List<Emigration> mine = new ArrayList<>();
        try {
            while (true) {
                if (mine.isEmpty() || hasFinished(mine) || !queue.isEmpty() && mine.size() < PARTITIONS_PER_THREAD) {
                    take(mine, waker);
                }
                long nowMs = clockMs.getAsLong();
                boolean progressed = false;
                long idleMs = 1_000;
                for (Emigration emigration : mine) {
                    progressed |= emigration.step(nowMs);
                    idleMs = Math.min(idleMs, emigration.idleMs(nowMs));
                }
                if (!progressed) {
                    waker.await(mine.isEmpty() ? 1_000 : Math.max(1, idleMs));
                }
            }
        } finally {
            synchronized (this) {
                workers.remove(waker);
                running.removeAll(mine);
            }
        }
    }

    private static boolean hasFinished(List<Emigration> mine) {
        for (Emigration emigration : mine) {
            if (emigration.finished()) {
                return true;
            }
        }
        return false;
    }

    /** Drops this thread's finished emigrations and takes queued ones, up to its share. */
    private synchronized void take(List<Emigration> mine, Waker waker) {
        for (Emigration emigration : mine) {
            if (emigration.finished()) {
                running.remove(emigration);
            }
        }
        mine.removeIf(Emigration::finished);
        while (mine.size() < PARTITIONS_PER_THREAD && !queue.isEmpty()) {
            Emigration emigration = queue.poll();
            emigration.wakes(waker);
            running.add(emigration);
            mine.add(emigration);
        }
    }

    /** Handles one fabric frame about migrations ({@code body} after the length prefix, type byte read). */
    public void received(long from, int type, ByteBuf body) {
        switch (type) {
            case FabricLayout.MIGRATE_START -> onStart(from, body);
            case FabricLayout.MIGRATE_RECORDS -> onRecords(from, body);
            case FabricLayout.MIGRATE_DONE -> onDone(from, body);
            case FabricLayout.PARTITION_SETTLED -> onSettled(body);
            case FabricLayout.MIGRATE_START_ACK -> {
                Emigration emigration = emigration(body.readLongLE());
                if (emigration != null) {
                    emigration.startAcknowledged(body.readUnsignedByte(), clockMs.getAsLong());
                }
            }
            case FabricLayout.MIGRATE_RECORDS_ACK -> {
                Emigration emigration = emigration(body.readLongLE());
                if (emigration != null) {
                    emigration.batchAcknowledged(clockMs.getAsLong());
                }
            }
            case FabricLayout.MIGRATE_DONE_ACK -> {
                Emigration emigration = emigration(body.readLongLE());
                if (emigration != null) {
                    emigration.doneAcknowledged(body.readUnsignedByte());
                }
            }
            default -> throw new FabricFormatException("not a migration frame: type " + type);
        }
    }

    private Emigration emigration(long migrationId) {
        return byId.get(migrationId);
    }

    private void onStart(long from, ByteBuf body) {
        long clusterKey = body.readLongLE();
        long migrationId = body.readLongLE();
        String namespace = Frames.readNamespace(body);
        int pid = body.readUnsignedShortLE();
        boolean actingMaster = (body.readUnsignedByte() & FabricLayout.MIGRATE_FLAG_ACTING_MASTER) != 0;
        NamespacePartitions partitions = namespaces.get(namespace);
        int result = partitions == null || pid >= io.terndb.protocol.PartitionId.COUNT ? FabricLayout.RESULT_REFUSED
                : admit(partitions, pid, from, clusterKey, migrationId, actingMaster);
        reply(from, FabricLayout.MIGRATE_START_ACK, migrationId, result);
    }

    private int admit(NamespacePartitions partitions, int pid, long from, long clusterKey, long migrationId,
            boolean actingMaster) {
        PartitionData data = partitions.data();
        data.lock(pid);
        try {
            int check = checkKey(partitions.state(pid), clusterKey);
            if (check != FabricLayout.RESULT_OK) {
                return check;
            }
            if (!NodeIds.contains(sourcesOf(partitions.state(pid)), from)) {
                return FabricLayout.RESULT_ALREADY_DONE;
            }
            immigrations.put(new ImmigrationKey(from, migrationId),
                    new Immigration(partitions, pid, clusterKey, actingMaster));
            return FabricLayout.RESULT_OK;
        } finally {
            data.unlock(pid);
        }
    }

    /** OK when the sender's key is this node's current one; RETRY when this node is behind; STALE otherwise. */
    public static int checkKey(PartitionState state, long clusterKey) {
        if (state.ready() && state.clusterKey() == clusterKey) {
            return FabricLayout.RESULT_OK;
        }
        return state.ready() ? FabricLayout.RESULT_STALE : FabricLayout.RESULT_RETRY;
    }

    private static long[] sourcesOf(PartitionState state) {
        return state.immigrationSources();
    }

    private void onRecords(long from, ByteBuf body) {
        long migrationId = body.readLongLE();
        int sequence = body.readIntLE();
        int count = body.readUnsignedShortLE();
        Immigration immigration = immigrations.get(new ImmigrationKey(from, migrationId));
        if (immigration == null) {
            return; // a migration this node no longer runs: the source stalls and starts over, or was aborted
        }
        NamespacePartitions partitions = immigration.partitions();
        PartitionData data = partitions.data();
        data.lock(immigration.pid());
        try {
            if (partitions.state(immigration.pid()).clusterKey() != immigration.clusterKey()) {
                return;
            }
            data.apply(immigration.pid(), body, count, partitions.namespace().conflictResolution(),
                    durable -> {
                        if (durable) {
                            reply(from, FabricLayout.MIGRATE_RECORDS_ACK, migrationId, sequence);
                        }
                    });
            partitions.recordsReceived.addAndGet(count);
        } finally {
            data.unlock(immigration.pid());
        }
    }

    private void onDone(long from, ByteBuf body) {
        long migrationId = body.readLongLE();
        Immigration immigration = immigrations.remove(new ImmigrationKey(from, migrationId));
        if (immigration == null) {
            reply(from, FabricLayout.MIGRATE_DONE_ACK, migrationId, FabricLayout.RESULT_ALREADY_DONE);
            return;
        }
        List<MigrationTask> next = immigrationDone(immigration, from);
        reply(from, FabricLayout.MIGRATE_DONE_ACK, migrationId, FabricLayout.RESULT_OK);
        if (!next.isEmpty()) {
            enqueue(next);
        }
    }

    /** Records that {@code source}'s copy has arrived; returns the final master's deferred emigrations, if now due. */
    private List<MigrationTask> immigrationDone(Immigration immigration, long source) {
        NamespacePartitions partitions = immigration.partitions();
        PartitionData data = partitions.data();
        int pid = immigration.pid();
        data.lock(pid);
        try {
            PartitionState state = partitions.state(pid);
            if (state.clusterKey() != immigration.clusterKey()) {
                return List.of();
            }
            long[] targets = state.immigrated(self, source, immigration.actingMaster());
            partitions.rxPartitionsRemaining.decrementAndGet();
            ownershipChanged.run();
            signalIfSettled(partitions, state);
            List<MigrationTask> next = new ArrayList<>();
            for (long target : targets) {
                next.add(new MigrationTask(partitions.namespace().name(), pid, target, state.clusterKey(), false));
            }
            return next;
        } finally {
            data.unlock(pid);
        }
    }

    /** The acting master stops serving: called by its emigration under the partition lock, just before DONE. */
    void handOff(NamespacePartitions partitions, MigrationTask task) {
        partitions.state(task.pid()).handedOff(task.target());
        ownershipChanged.run();
    }

    /** An emigration ended well; the final master may now have settled the partition. */
    void emigrationComplete(NamespacePartitions partitions, MigrationTask task) {
        PartitionData data = partitions.data();
        data.lock(task.pid());
        try {
            PartitionState state = partitions.state(task.pid());
            if (state.clusterKey() != task.clusterKey()) {
                return;
            }
            state.emigrated();
            partitions.txPartitionsRemaining.decrementAndGet();
            signalIfSettled(partitions, state);
        } finally {
            data.unlock(task.pid());
        }
    }

    /** On the final master, once it has everything and every replica has it: non-replica holders may drop. */
    private void signalIfSettled(NamespacePartitions partitions, PartitionState state) {
        if (!state.settledHere()) {
            return;
        }
        for (long witness : state.takeWitnesses()) {
            ByteBuf frame = transport.allocate(48);
            int start = Frames.begin(frame, FabricLayout.PARTITION_SETTLED);
            frame.writeLongLE(state.clusterKey());
            Frames.writeNamespace(frame, partitions.namespace().name());
            frame.writeShortLE(state.pid());
            transport.send(witness, Frames.end(frame, start));
        }
    }

    private void onSettled(ByteBuf body) {
        long clusterKey = body.readLongLE();
        NamespacePartitions partitions = namespaces.get(Frames.readNamespace(body));
        int pid = body.readUnsignedShortLE();
        if (partitions == null || pid >= io.terndb.protocol.PartitionId.COUNT) {
            return;
        }
        settled(partitions, pid, clusterKey, true);
    }

    /** Applies a settled signal; one for a view not rebalanced here yet is kept for {@link #rebalanced}. */
    private void settled(NamespacePartitions partitions, int pid, long clusterKey, boolean keepIfEarly) {
        PartitionData data = partitions.data();
        boolean drop;
        data.lock(pid);
        try {
            PartitionState state = partitions.state(pid);
            if (keepIfEarly && (state.clusterKey() != clusterKey || !state.ready())) {
                synchronized (this) {
                    if (earlySignals.size() < EARLY_SIGNALS_MAX) {
                        earlySignals.add(new EarlySignal(partitions, pid, clusterKey));
                    }
                }
                return;
            }
            drop = state.clusterKey() == clusterKey && state.ready() && state.settledElsewhere();
        } finally {
            data.unlock(pid);
        }
        if (drop) {
            data.drop(pid);
        }
    }

    /** This node rebalanced to {@code clusterKey}: signals that came early for it apply now, the rest are stale. */
    public void rebalanced(long clusterKey) {
        List<EarlySignal> due = new ArrayList<>();
        synchronized (this) {
            for (EarlySignal signal : earlySignals) {
                if (signal.clusterKey() == clusterKey) {
                    due.add(signal);
                }
            }
            earlySignals.clear();
        }
        for (EarlySignal signal : due) {
            settled(signal.partitions(), signal.pid(), clusterKey, false);
        }
    }

    private void reply(long to, int type, long id, int resultOrSequence) {
        ByteBuf frame = transport.allocate(24);
        if (type == FabricLayout.MIGRATE_RECORDS_ACK) {
            int start = Frames.begin(frame, type);
            frame.writeLongLE(id).writeIntLE(resultOrSequence);
            Frames.end(frame, start);
        } else {
            Frames.ack(frame, type, id, resultOrSequence);
        }
        transport.send(to, frame);
    }
}
