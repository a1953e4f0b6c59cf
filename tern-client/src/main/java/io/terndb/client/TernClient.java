package io.terndb.client;

import io.netty.buffer.ByteBufAllocator;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.cluster.SocketInfoTransport;
import io.terndb.client.internal.command.BatchCommand;
import io.terndb.client.internal.command.BatchPlan;
import io.terndb.client.internal.command.DeleteCommand;
import io.terndb.client.internal.command.ExistsCommand;
import io.terndb.client.internal.command.OperateCommand;
import io.terndb.client.internal.command.ReadCommand;
import io.terndb.client.internal.command.ScanCommand;
import io.terndb.client.internal.command.ScanPlan;
import io.terndb.client.internal.command.WriteCommand;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.sync.SyncExecutor;
import io.terndb.client.internal.sync.SyncInfo;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The TernDB (Aerospike-protocol) client. One instance per application: it tends the cluster, keeps connection
 * pools, and is safe for use by any number of threads, platform or virtual. Sync calls block the caller;
 * {@link #async()} gives the same commands returning {@code CompletableFuture}s.
 *
 * <pre>{@code
 * try (TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", 3000).build())) {
 *     Key key = new Key("test", "users", "alice");
 *     client.put(key, new Bin("name", "Alice"), new Bin("age", 42));
 *     Record record = client.get(key);
 * }
 * }</pre>
 *
 * Missing records are not errors: {@code get} returns null, {@code exists} and {@code delete} return false.
 * Failures throw {@link TernException} (with result code, node and in-doubt flag).
 */
public final class TernClient implements AutoCloseable {

    private final ClientConfig config;
    private final Cluster cluster;
    private final SyncExecutor executor;
    private final AsyncTernClient async;

    private TernClient(ClientConfig config, Cluster cluster, ByteBufAllocator allocator) {
        this.config = config;
        this.cluster = cluster;
        this.executor = new SyncExecutor(cluster);
        this.async = new AsyncTernClient(config, cluster, allocator);
    }

    /**
     * Connects: validates the seeds, discovers the cluster and its partition map, and starts tending.
     *
     * @throws TernException SERVER_NOT_AVAILABLE if no seed answered
     */
    public static TernClient connect(ClientConfig config) {
        return connect(config, ByteBufAllocator.DEFAULT);
    }

    /** Tests only: the async side's sockets take their buffers from {@code allocator}. */
    static TernClient connect(ClientConfig config, ByteBufAllocator allocator) {
        Metrics metrics = new Metrics();
        Cluster cluster = new Cluster(config, new SocketInfoTransport((int) config.connectTimeout().toMillis(),
                (int) config.infoTimeout().toMillis(), metrics), metrics);
        cluster.start();
        try {
            return new TernClient(config, cluster, allocator);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Connects to one seed with default settings. */
    public static TernClient connect(String host, int port) {
        return connect(ClientConfig.builder().seed(host, port).build());
    }

    public ClientConfig config() {
        return config;
    }

    /** The same commands, asynchronous. */
    public AsyncTernClient async() {
        return async;
    }

    // ---- single-record writes

    public void put(Key key, Bin... bins) {
        put(config.writePolicy(), key, bins);
    }

    public void put(WritePolicy policy, Key key, Bin... bins) {
        executor.execute(new WriteCommand(policy, key, bins, OperationType.WRITE));
    }

    /** Adds integer or double values to bins (creating them at 0). */
    public void add(Key key, Bin... bins) {
        add(config.writePolicy(), key, bins);
    }

    public void add(WritePolicy policy, Key key, Bin... bins) {
        executor.execute(new WriteCommand(policy, key, bins, OperationType.INCREMENT));
    }

    /** Appends strings or bytes to bins. */
    public void append(Key key, Bin... bins) {
        append(config.writePolicy(), key, bins);
    }

    public void append(WritePolicy policy, Key key, Bin... bins) {
        executor.execute(new WriteCommand(policy, key, bins, OperationType.APPEND));
    }

    /** Prepends strings or bytes to bins. */
    public void prepend(Key key, Bin... bins) {
        prepend(config.writePolicy(), key, bins);
    }

    public void prepend(WritePolicy policy, Key key, Bin... bins) {
        executor.execute(new WriteCommand(policy, key, bins, OperationType.PREPEND));
    }

    /** Deletes the record; returns whether it existed. */
    public boolean delete(Key key) {
        return delete(config.writePolicy(), key);
    }

    public boolean delete(WritePolicy policy, Key key) {
        return executor.execute(new DeleteCommand(policy, key));
    }

    /**
     * Resets the record's TTL per the policy and bumps its generation.
     *
     * @throws TernException result code 2 if the record does not exist
     */
    public void touch(Key key) {
        touch(config.writePolicy(), key);
    }

    public void touch(WritePolicy policy, Key key) {
        executor.execute(new OperateCommand(policy, key, new Operation[] {Operation.touch()}, CommandKind.TOUCH));
    }

    // ---- single-record reads

    /** The record with all its bins, or null if it does not exist. */
    public Record get(Key key) {
        return get(config.readPolicy(), key);
    }

    public Record get(Policy policy, Key key) {
        return executor.execute(new ReadCommand(policy, key, null, false));
    }

    /** The record with only the named bins, or null if it does not exist. */
    public Record get(Key key, String... binNames) {
        return get(config.readPolicy(), key, binNames);
    }

    public Record get(Policy policy, Key key, String... binNames) {
        return executor.execute(new ReadCommand(policy, key, binNames, false));
    }

    /** Generation and expiry without bins, or null if the record does not exist. */
    public Record getHeader(Key key) {
        return getHeader(config.readPolicy(), key);
    }

    public Record getHeader(Policy policy, Key key) {
        return executor.execute(new ReadCommand(policy, key, null, true));
    }

    public boolean exists(Key key) {
        return exists(config.readPolicy(), key);
    }

    public boolean exists(Policy policy, Key key) {
        return executor.execute(new ExistsCommand(policy, key));
    }

    /** Applies the operations in order, in one round trip; returns what the read operations read. */
    public Record operate(Key key, Operation... operations) {
        return operate(config.writePolicy(), key, operations);
    }

    public Record operate(WritePolicy policy, Key key, Operation... operations) {
        return executor.execute(new OperateCommand(policy, key, operations, CommandKind.OPERATE));
    }

    // ---- batches

    /** One record (or null) per key, in key order. */
    public Record[] get(Key[] keys) {
        return get(config.batchPolicy(), keys);
    }

    public Record[] get(Policy policy, Key[] keys) {
        return runReads(BatchPlan.read(cluster, policy, keys, null, false)).records();
    }

    public Record[] get(Policy policy, Key[] keys, String... binNames) {
        return runReads(BatchPlan.read(cluster, policy, keys, binNames, false)).records();
    }

    public Record[] getHeader(Key[] keys) {
        return getHeader(config.batchPolicy(), keys);
    }

    public Record[] getHeader(Policy policy, Key[] keys) {
        return runReads(BatchPlan.read(cluster, policy, keys, null, true)).records();
    }

    public boolean[] exists(Key[] keys) {
        return exists(config.batchPolicy(), keys);
    }

    public boolean[] exists(Policy policy, Key[] keys) {
        return runReads(BatchPlan.read(cluster, policy, keys, null, true)).exists();
    }

    /** Runs each row; a row's failure is reported in its result, not thrown. */
    public List<BatchResult> operate(List<BatchOperation> operations) {
        return operate(config.batchPolicy(), operations);
    }

    public List<BatchResult> operate(Policy policy, List<BatchOperation> operations) {
        BatchPlan plan = BatchPlan.operate(cluster, policy, operations, config.writePolicy());
        for (List<BatchCommand> round = plan.commands(); !round.isEmpty(); round = nextRound(plan)) {
            for (BatchCommand command : round) {
                try {
                    executor.execute(command);
                } catch (TernException e) {
                    plan.failed(command, e.resultCode(), e.inDoubt());
                }
            }
        }
        return plan.results();
    }

    /** Runs every round of a read batch (rows a node could not serve go again, see {@link BatchPlan}). */
    private BatchPlan runReads(BatchPlan plan) {
        for (List<BatchCommand> round = plan.commands(); !round.isEmpty(); round = nextRound(plan)) {
            for (BatchCommand command : round) {
                executor.execute(command);
            }
        }
        plan.requireAnswers();
        return plan;
    }

    private static List<BatchCommand> nextRound(BatchPlan plan) {
        List<BatchCommand> next = plan.nextRound();
        long backoffNs = plan.backoffNs();
        if (!next.isEmpty() && backoffNs > 0) {
            try {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(backoffNs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TernException(ClientResultCode.CLIENT_ERROR, "interrupted", null, false, e);
            }
        }
        return next;
    }

    // ---- scans

    /** Scans the filter's partitions of a namespace (and set, if not null), calling {@code listener} per record. */
    public void scan(PartitionFilter filter, String namespace, String set, ScanListener listener,
            String... binNames) {
        scan(config.scanPolicy(), filter, namespace, set, listener, binNames);
    }

    /**
     * Scans node by node. With {@code maxRecords} the scan stops after one page; call again with the same filter
     * to continue until {@link PartitionFilter#isDone()}. Partitions a node could not serve are retried on the
     * next replica, up to the policy's {@code maxRetries} rounds.
     */
    public void scan(ScanPolicy policy, PartitionFilter filter, String namespace, String set, ScanListener listener,
            String... binNames) {
        Objects.requireNonNull(listener, "listener");
        for (int round = 0; ; round++) {
            for (ScanCommand command : ScanPlan.round(cluster, policy, filter, namespace, set, binNames, listener,
                    round)) {
                executor.execute(command);
            }
            if (policy.maxRecords() > 0 || filter.isDone()) {
                return;
            }
            if (round >= policy.policy().maxRetries()) {
                throw new TernException(ResultCode.PARTITION_UNAVAILABLE, "scan left partitions unfinished after "
                        + (round + 1) + " rounds", null, false);
            }
        }
    }

    // ---- administration

    /**
     * Deletes every record of a namespace (set null) or set last updated before {@code before} (null = now).
     *
     * @throws TernException if the server refuses (it answers something other than {@code ok})
     */
    public void truncate(String namespace, String set, Instant before) {
        String command = Truncate.command(namespace, set, before);
        for (Node node : cluster.nodes()) {
            Map<String, String> reply = SyncInfo.request(node, List.of(command), infoTimeoutMs(), cluster.metrics());
            SyncInfo.checkOk(command, reply.get(command), node.name());
            return; // the receiving node distributes a truncate to the whole cluster
        }
        throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "no node to truncate on", null, false);
    }

    /** Sends info commands to one node of the cluster; returns command → value. */
    public Map<String, String> info(String... commands) {
        return SyncInfo.request(cluster.anyNode(), List.of(commands), infoTimeoutMs(), cluster.metrics());
    }

    /** Sends info commands to the named node. */
    public Map<String, String> infoOnNode(String nodeName, String... commands) {
        return SyncInfo.request(cluster.nodeNamed(nodeName), List.of(commands), infoTimeoutMs(), cluster.metrics());
    }

    private int infoTimeoutMs() {
        return (int) config.infoTimeout().toMillis();
    }

    /** The names of the nodes known now. */
    public List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            names.add(node.name());
        }
        return names;
    }

    /** Latency histograms and counters since the client started. */
    public ClientMetrics metrics() {
        List<io.terndb.client.internal.metrics.NodeMetrics> nodes = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            nodes.add(node.metrics());
        }
        return cluster.metrics().snapshot(nodes);
    }

    /** Stops tending and the event loops and closes every connection. Commands in flight fail. */
    @Override
    public void close() {
        try {
            async.close();
        } finally {
            executor.close();
            cluster.close();
        }
    }
}
