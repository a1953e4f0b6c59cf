package io.terndb.client;

import io.netty.buffer.ByteBufAllocator;
import io.terndb.client.internal.async.AsyncEngine;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.command.BatchCommand;
import io.terndb.client.internal.command.BatchPlan;
import io.terndb.client.internal.command.DeleteCommand;
import io.terndb.client.internal.command.ExistsCommand;
import io.terndb.client.internal.command.OperateCommand;
import io.terndb.client.internal.command.ReadCommand;
import io.terndb.client.internal.command.ScanCommand;
import io.terndb.client.internal.command.ScanPlan;
import io.terndb.client.internal.command.WriteCommand;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The commands of {@link TernClient}, returning {@code CompletableFuture}s; get it with {@code client.async()}.
 * Commands run on a few event loops (created on first use). Futures complete on an event loop thread: chain
 * non-blocking work with {@code thenApply}/{@code thenCompose}, or hand heavy work to your own executor with the
 * {@code ...Async(fn, executor)} variants.
 *
 * <pre>{@code
 * client.async().put(key, new Bin("n", 1))
 *         .thenCompose(ignored -> client.async().get(key))
 *         .thenAccept(record -> System.out.println(record.getLong("n")));
 * }</pre>
 *
 * <p>Backpressure: each event loop runs at most {@code maxInFlightPerLoop} commands (and per node its share of
 * {@code maxInFlightPerNode}); up to {@code waitQueueCapacity} more wait. Beyond that a command fails at once
 * with {@link TernBackpressureException}, so a runaway producer can exhaust neither sockets nor memory.
 */
public final class AsyncTernClient implements AutoCloseable {

    private final ClientConfig config;
    private final Cluster cluster;
    private final ByteBufAllocator allocator;
    private volatile AsyncEngine engine;
    private boolean closed;

    AsyncTernClient(ClientConfig config, Cluster cluster, ByteBufAllocator allocator) {
        this.config = config;
        this.cluster = cluster;
        this.allocator = allocator;
    }

    private AsyncEngine engine() {
        AsyncEngine current = engine;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (closed) {
                throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "client is closed", null, false);
            }
            if (engine == null) {
                engine = new AsyncEngine(config, cluster, allocator);
            }
            return engine;
        }
    }

    private <T> CompletableFuture<T> submit(io.terndb.client.internal.command.Command<T> command) {
        return engine().submit(command);
    }

    public CompletableFuture<Void> put(Key key, Bin... bins) {
        return put(config.writePolicy(), key, bins);
    }

    public CompletableFuture<Void> put(WritePolicy policy, Key key, Bin... bins) {
        return submit(new WriteCommand(policy, key, bins, OperationType.WRITE));
    }

    public CompletableFuture<Void> add(Key key, Bin... bins) {
        return add(config.writePolicy(), key, bins);
    }

    public CompletableFuture<Void> add(WritePolicy policy, Key key, Bin... bins) {
        return submit(new WriteCommand(policy, key, bins, OperationType.INCREMENT));
    }

    public CompletableFuture<Void> append(Key key, Bin... bins) {
        return append(config.writePolicy(), key, bins);
    }

    public CompletableFuture<Void> append(WritePolicy policy, Key key, Bin... bins) {
        return submit(new WriteCommand(policy, key, bins, OperationType.APPEND));
    }

    public CompletableFuture<Void> prepend(Key key, Bin... bins) {
        return prepend(config.writePolicy(), key, bins);
    }

    public CompletableFuture<Void> prepend(WritePolicy policy, Key key, Bin... bins) {
        return submit(new WriteCommand(policy, key, bins, OperationType.PREPEND));
    }

    public CompletableFuture<Boolean> delete(Key key) {
        return delete(config.writePolicy(), key);
    }

    public CompletableFuture<Boolean> delete(WritePolicy policy, Key key) {
        return submit(new DeleteCommand(policy, key));
    }

    public CompletableFuture<Void> touch(Key key) {
        return touch(config.writePolicy(), key);
    }

    public CompletableFuture<Void> touch(WritePolicy policy, Key key) {
        return submit(new OperateCommand(policy, key, new Operation[] {Operation.touch()}, CommandKind.TOUCH))
                .thenApply(record -> null);
    }

    public CompletableFuture<Record> get(Key key) {
        return get(config.readPolicy(), key);
    }

    public CompletableFuture<Record> get(Policy policy, Key key) {
        return submit(new ReadCommand(policy, key, null, false));
    }

    public CompletableFuture<Record> get(Key key, String... binNames) {
        return get(config.readPolicy(), key, binNames);
    }

    public CompletableFuture<Record> get(Policy policy, Key key, String... binNames) {
        return submit(new ReadCommand(policy, key, binNames, false));
    }

    public CompletableFuture<Record> getHeader(Key key) {
        return getHeader(config.readPolicy(), key);
    }

    public CompletableFuture<Record> getHeader(Policy policy, Key key) {
        return submit(new ReadCommand(policy, key, null, true));
    }

    public CompletableFuture<Boolean> exists(Key key) {
        return exists(config.readPolicy(), key);
    }

    public CompletableFuture<Boolean> exists(Policy policy, Key key) {
        return submit(new ExistsCommand(policy, key));
    }

    public CompletableFuture<Record> operate(Key key, Operation... operations) {
        return operate(config.writePolicy(), key, operations);
    }

    public CompletableFuture<Record> operate(WritePolicy policy, Key key, Operation... operations) {
        return submit(new OperateCommand(policy, key, operations, CommandKind.OPERATE));
    }

    public CompletableFuture<Record[]> get(Key[] keys) {
        return get(config.batchPolicy(), keys);
    }

    public CompletableFuture<Record[]> get(Policy policy, Key[] keys) {
        BatchPlan plan = BatchPlan.read(cluster, policy, keys, null, false);
        return runReads(plan).thenApply(ignored -> plan.records());
    }

    public CompletableFuture<Record[]> get(Policy policy, Key[] keys, String... binNames) {
        BatchPlan plan = BatchPlan.read(cluster, policy, keys, binNames, false);
        return runReads(plan).thenApply(ignored -> plan.records());
    }

    /**
     * Reads {@code binNames} of every key and hands each row to {@code listener} as it is parsed, as a view over
     * the reply buffer: no {@link Record}, no map, no copy of a blob's bytes. For callers that consume large
     * values in place (verify, then copy straight to their own memory). The future completes once every row
     * was delivered, or fails when a node's part of the batch fails (its earlier rows were delivered).
     */
    public CompletableFuture<Void> getViews(Policy policy, Key[] keys, String[] binNames,
            BatchRecordListener listener) {
        Objects.requireNonNull(listener, "listener");
        return runAll(BatchPlan.readViews(cluster, policy, keys, binNames, listener));
    }

    public CompletableFuture<Record[]> getHeader(Policy policy, Key[] keys) {
        BatchPlan plan = BatchPlan.read(cluster, policy, keys, null, true);
        return runReads(plan).thenApply(ignored -> plan.records());
    }

    public CompletableFuture<boolean[]> exists(Key[] keys) {
        return exists(config.batchPolicy(), keys);
    }

    public CompletableFuture<boolean[]> exists(Policy policy, Key[] keys) {
        BatchPlan plan = BatchPlan.read(cluster, policy, keys, null, true);
        return runReads(plan).thenApply(ignored -> plan.exists());
    }

    public CompletableFuture<List<BatchResult>> operate(List<BatchOperation> operations) {
        return operate(config.batchPolicy(), operations);
    }

    /** Each row's failure is reported in its result; the future fails only for errors outside any row. */
    public CompletableFuture<List<BatchResult>> operate(Policy policy, List<BatchOperation> operations) {
        BatchPlan plan = BatchPlan.operate(cluster, policy, operations, config.writePolicy());
        return runRounds(plan, plan.commands(), true).thenApply(ignored -> plan.results());
    }

    /** Every round of a batch whose rows all land in its plan; then checks each row was answered. */
    private CompletableFuture<Void> runReads(BatchPlan plan) {
        return runAll(plan).thenRun(plan::requireAnswers);
    }

    /** Every round of a batch (rows a node could not serve go again, see {@link BatchPlan}). */
    private CompletableFuture<Void> runAll(BatchPlan plan) {
        return runRounds(plan, plan.commands(), false);
    }

    /**
     * Runs one round's commands; once they all ended, the next round after the back-off. With {@code perRow}, a
     * failed command marks its rows (operate) instead of failing the batch.
     */
    private CompletableFuture<Void> runRounds(BatchPlan plan, List<BatchCommand> round, boolean perRow) {
        if (round.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?>[] futures = new CompletableFuture<?>[round.size()];
        for (int i = 0; i < futures.length; i++) {
            BatchCommand command = round.get(i);
            futures[i] = perRow ? submit(command).exceptionally(failure -> {
                TernException e = unwrap(failure);
                plan.failed(command, e.resultCode(), e.inDoubt());
                return null;
            }) : submit(command);
        }
        return CompletableFuture.allOf(futures).thenCompose(ignored -> {
            List<BatchCommand> next = plan.nextRound();
            long backoffNs = plan.backoffNs();
            if (next.isEmpty() || backoffNs == 0) {
                return runRounds(plan, next, perRow);
            }
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(backoffNs,
                    java.util.concurrent.TimeUnit.NANOSECONDS)).thenCompose(paused -> runRounds(plan, next, perRow));
        });
    }

    public CompletableFuture<Void> scan(PartitionFilter filter, String namespace, String set,
            ScanListener listener, String... binNames) {
        return scan(config.scanPolicy(), filter, namespace, set, listener, binNames);
    }

    /**
     * Scans node by node in parallel; the listener is called on event loop threads (several at once when the
     * cluster has several nodes), so it must be thread-safe and must not block.
     */
    public CompletableFuture<Void> scan(ScanPolicy policy, PartitionFilter filter, String namespace, String set,
            ScanListener listener, String... binNames) {
        Objects.requireNonNull(listener, "listener");
        return scanRound(policy, filter, namespace, set, listener, binNames, 0);
    }

    private CompletableFuture<Void> scanRound(ScanPolicy policy, PartitionFilter filter, String namespace,
            String set, ScanListener listener, String[] binNames, int round) {
        List<ScanCommand> commands;
        try {
            commands = ScanPlan.round(cluster, policy, filter, namespace, set, binNames, listener, round);
        } catch (TernException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?>[] futures = commands.stream().map(this::submit).toArray(CompletableFuture<?>[]::new);
        return CompletableFuture.allOf(futures).thenCompose(ignored -> {
            if (policy.maxRecords() > 0 || filter.isDone()) {
                return CompletableFuture.completedFuture(null);
            }
            if (round >= policy.policy().maxRetries()) {
                return CompletableFuture.failedFuture(new TernException(ResultCode.PARTITION_UNAVAILABLE,
                        "scan left partitions unfinished after " + (round + 1) + " rounds", null, false));
            }
            return scanRound(policy, filter, namespace, set, listener, binNames, round + 1);
        });
    }

    private static TernException unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof TernException e ? e
                : new TernException(ClientResultCode.CLIENT_ERROR, cause.toString(), null, false, cause);
    }

    /** Called by {@link TernClient#close()}. */
    @Override
    public void close() {
        AsyncEngine current;
        synchronized (this) {
            closed = true;
            current = engine;
        }
        if (current != null) {
            current.close();
        }
    }
}
