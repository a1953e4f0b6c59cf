package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import io.terndb.storage.NamespaceStore;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every AS_MSG request: decides single-record, batch or scan and runs it. Single-record transactions
 * run on the calling event loop unless they need a device read (then on a worker); writes to a device are answered
 * by the device's flusher once durable, and replicated writes once every replica has them. A request for a
 * partition another node serves is proxied there; one for a partition between views waits and runs again. Batches
 * run on the event loop when nothing may block; scans run on the scan executor so a long walk never stalls other
 * connections.
 */
public final class TransactionService {

    private static final Logger log = LoggerFactory.getLogger(TransactionService.class);

    /** A request that carries no timeout waits at most this long for its partition's rebalance. */
    static final long WAIT_MS_DEFAULT = 5_000;
    /** How often a waiting request looks again. */
    static final long WAIT_RETRY_MS = 2;

    /** Sends a request to the node that serves its partition; implemented by the cluster's proxy table. */
    public interface Proxy {
        /**
         * Forwards the AS_MSG in {@code buffer[start, end)} to {@code target}; {@code requester} gets the answer (or a
         * TIMEOUT) and {@code gate} is released then.
         */
        void forward(long target, Requester requester, ConnectionGate gate, ByteBuf buffer, int start, int end,
                int hops, long deadlineMs);

        /** Proxying more often than this means the nodes disagree: the request ends with TIMEOUT instead. */
        int HOPS_MAX = 3;
    }

    /** Fetches a record's other versions while a partition's copies are merged (duplicate resolution). */
    public interface DuplicateResolver {
        /**
         * Asks every holder for its version of the record whose digest is at {@code digestAt}, stores the newest
         * here, then runs {@code resolved} (or {@code failed} past {@code deadlineMs}), on any thread.
         */
        void resolve(Namespace namespace, int pid, long clusterKey, long[] holders, ByteBuf digest, int digestAt,
                long deadlineMs, Runnable resolved, Runnable failed);
    }

    private final Namespaces namespaces;
    private final InstantSource clock;
    private volatile DuplicateResolver duplicates;
    private final Executor scanExecutor;
    private final Executor workers;
    private volatile Proxy proxy;
    private volatile boolean batchesOnWorkers;

    /**
     * @param scanExecutor runs scans
     * @param workers      runs transactions that may block on device reads (threads must be
     *                     {@code FastThreadLocalThread}s or platform threads: each keeps a {@link WorkerState})
     */
    public TransactionService(Namespaces namespaces, InstantSource clock, Executor scanExecutor, Executor workers) {
        this.namespaces = namespaces;
        this.clock = clock;
        this.scanExecutor = scanExecutor;
        this.workers = workers;
    }

    /** Where misdirected requests go; set once the cluster is up. */
    public void proxy(Proxy target) {
        this.proxy = target;
    }

    public void duplicates(DuplicateResolver resolver) {
        this.duplicates = resolver;
    }

    /** Batches wait for replica writes, so in a cluster of more than one node they run on workers. */
    public void batchesOnWorkers(boolean onWorkers) {
        this.batchesOnWorkers = onWorkers;
    }

    /**
     * Handles the AS_MSG in {@code buffer[start, end)} from a client connection; the buffer is only valid during this
     * call. While an answer waits (for a worker, for its writes to be durable and replicated, for a proxy) the
     * connection is held, so answers leave in request order.
     */
    public void handle(ChannelHandlerContext context, Requester requester, ConnectionGate gate, ByteBuf buffer,
            int start, int end) {
        WorkerState state = WorkerState.current();
        AsMessage message = state.message;
        int position = message.parseHeader(buffer, start, end);
        if (position < 0 || message.parseFieldsAndOps(position, end) != end) {
            replySingle(requester, ResultCode.PARAMETER_ERROR);
            return;
        }
        if (isBatch(message)) {
            if (namespaces.anyBlocking() || batchesOnWorkers) {
                runOnWorker(requester, gate, buffer, start, end, 0, context, false);
                return;
            }
            state.mayBlock = false;
            BatchTransaction.execute(context, state, message, this);
        } else if (message.hasDigest()) {
            runSingle(requester, gate, state, buffer, start, end, 0, deadline(message));
        } else {
            ScanJob.start(context, gate, message, this);
        }
    }

    /** A single-record request another node proxied here, {@code hops} times so far. */
    public void handleProxied(Requester requester, ConnectionGate gate, ByteBuf buffer, int start, int end,
            int hops) {
        WorkerState state = WorkerState.current();
        AsMessage message = state.message;
        int position = message.parseHeader(buffer, start, end);
        if (position < 0 || message.parseFieldsAndOps(position, end) != end || !message.hasDigest()
                || isBatch(message)) {
            replySingle(requester, ResultCode.PARAMETER_ERROR);
            return;
        }
        runSingle(requester, gate, state, buffer, start, end, hops, deadline(message));
    }

    private long deadline(AsMessage message) {
        return clock.millis() + (message.transactionTtl > 0 ? message.transactionTtl : WAIT_MS_DEFAULT);
    }

    private static boolean isBatch(AsMessage message) {
        return (message.info1 & MessageFlags.INFO1_BATCH) != 0;
    }

    /** Runs a parsed single-record request here, on this event loop, and acts on how it ended. */
    private void runSingle(Requester requester, ConnectionGate gate, WorkerState state, ByteBuf buffer, int start,
            int end, int hops, long deadlineMs) {
        state.mayBlock = false;
        state.ticket.deferWake(true); // see WorkerState.wakeFlushersAfterThisRound
        switch (executeSingle(requester, gate, state, state.message)) {
            case WAITING -> gate.hold();
            case WOULD_BLOCK -> runOnWorker(requester, gate, buffer, start, end, hops, null, false);
            case NOT_READY -> retryLater(requester, gate, copy(requester, buffer, start, end), hops, deadlineMs);
            case ELSEWHERE -> forward(requester, gate, state.proxyTarget, buffer, start, end, hops, deadlineMs);
            case RESOLVE -> resolve(requester, gate, state, copy(requester, buffer, start, end), hops, deadlineMs);
            case ANSWERED -> { }
        }
    }

    /** Resolves the record's duplicates, then runs the request again here with them merged. */
    private void resolve(Requester requester, ConnectionGate gate, WorkerState state, ByteBuf copy, int hops,
            long deadlineMs) {
        gate.hold();
        AsMessage message = state.message;
        Namespace namespace = namespaces.find(message.buffer, message.namespaceAt, message.namespaceLength);
        io.terndb.cluster.partition.PartitionState partition = state.partitionState;
        int digestAt = message.digestAt - message.start;
        duplicates.resolve(namespace, partition.pid(), partition.clusterKey(), partition.duplicates(), copy,
                digestAt, deadlineMs,
                () -> requester.executor().execute(() -> runResolved(requester, gate, copy, hops, deadlineMs)),
                () -> requester.executor().execute(() -> {
                    copy.release();
                    replySingle(requester, ResultCode.TIMEOUT);
                    gate.releaseNow();
                }));
    }

    private void runResolved(Requester requester, ConnectionGate gate, ByteBuf copy, int hops, long deadlineMs) {
        WorkerState state = WorkerState.current();
        state.duplicatesResolved = true;
        try {
            retry(requester, gate, copy, hops, deadlineMs);
        } finally {
            state.duplicatesResolved = false;
        }
    }

    private static ByteBuf copy(Requester requester, ByteBuf buffer, int start, int end) {
        return requester.alloc().directBuffer(end - start).writeBytes(buffer, start, end - start);
    }

    private void forward(Requester requester, ConnectionGate gate, long target, ByteBuf buffer, int start, int end,
            int hops, long deadlineMs) {
        Proxy route = proxy;
        gate.hold();
        if (route == null || hops >= Proxy.HOPS_MAX) {
            replySingle(requester, ResultCode.TIMEOUT); // the nodes disagree on who serves: the client tries again
            gate.release();
            return;
        }
        route.forward(target, requester, gate, buffer, start, end, hops + 1, deadlineMs);
    }

    /** The partition is between views: the request runs again on its event loop in a moment, until its deadline. */
    private void retryLater(Requester requester, ConnectionGate gate, ByteBuf copy, int hops, long deadlineMs) {
        gate.hold();
        requester.executor().schedule(() -> retry(requester, gate, copy, hops, deadlineMs), WAIT_RETRY_MS,
                TimeUnit.MILLISECONDS);
    }

    private void retry(Requester requester, ConnectionGate gate, ByteBuf copy, int hops, long deadlineMs) {
        try {
            if (clock.millis() >= deadlineMs) {
                replySingle(requester, ResultCode.TIMEOUT);
                gate.releaseNow();
                return;
            }
            WorkerState state = WorkerState.current();
            AsMessage message = state.message;
            message.parseFieldsAndOps(message.parseHeader(copy, 0, copy.writerIndex()), copy.writerIndex());
            state.mayBlock = false;
            state.ticket.deferWake(true);
            // The connection stays held by whatever takes the request on; only an answer given here releases it.
            switch (executeSingle(requester, gate, state, message)) {
                case WAITING -> { }
                case WOULD_BLOCK -> runOnWorker(requester, gate, copy, 0, copy.writerIndex(), hops, null,
                        state.duplicatesResolved);
                case NOT_READY -> retryLater(requester, gate, copy.retain(), hops, deadlineMs);
                case ELSEWHERE -> forward(requester, gate, state.proxyTarget, copy, 0, copy.writerIndex(), hops,
                        deadlineMs);
                case RESOLVE -> {
                    if (state.duplicatesResolved) {
                        replySingle(requester, ResultCode.TIMEOUT); // cannot happen: resolved just now
                        gate.releaseNow();
                    } else {
                        resolve(requester, gate, state, copy.retain(), hops, deadlineMs);
                    }
                }
                case ANSWERED -> gate.releaseNow();
            }
        } finally {
            copy.release();
        }
    }

    /** Copies the request and runs it on a worker thread, which may block; the connection is held meanwhile. */
    private void runOnWorker(Requester requester, ConnectionGate gate, ByteBuf buffer, int start, int end, int hops,
            ChannelHandlerContext batchContext, boolean duplicatesResolved) {
        ByteBuf copy = copy(requester, buffer, start, end);
        gate.hold();
        workers.execute(() -> runOnWorker(requester, gate, copy, hops, batchContext, duplicatesResolved));
    }

    private void runOnWorker(Requester requester, ConnectionGate gate, ByteBuf copy, int hops,
            ChannelHandlerContext batchContext, boolean duplicatesResolved) {
        boolean handedOff = false;
        WorkerState state = WorkerState.current();
        state.duplicatesResolved = duplicatesResolved;
        try {
            state.mayBlock = true;
            state.ticket.deferWake(false);
            AsMessage message = state.message;
            message.parseFieldsAndOps(message.parseHeader(copy, 0, copy.writerIndex()), copy.writerIndex());
            if (isBatch(message)) {
                BatchTransaction.execute(batchContext, state, message, this);
            } else {
                Outcome outcome = executeSingle(requester, gate, state, message);
                handedOff = outcome == Outcome.WAITING;
                if (outcome == Outcome.NOT_READY || outcome == Outcome.ELSEWHERE || outcome == Outcome.RESOLVE) {
                    // Rare: the partition changed hands while the request waited for a worker. Go back to the loop.
                    ByteBuf again = copy.retain();
                    long target = state.proxyTarget;
                    handedOff = true;
                    requester.executor().execute(() -> {
                        try {
                            if (outcome != Outcome.ELSEWHERE) {
                                retryLater(requester, gate, again.retain(), hops, clock.millis() + WAIT_MS_DEFAULT);
                            } else {
                                forward(requester, gate, target, again, 0, again.writerIndex(), hops,
                                        clock.millis() + WAIT_MS_DEFAULT);
                            }
                        } finally {
                            again.release();
                        }
                    });
                }
            }
        } catch (RuntimeException e) {
            log.error("transaction failed", e);
            requester.abandon();
        } finally {
            state.duplicatesResolved = false;
            copy.release();
            if (!handedOff) {
                gate.release();
            }
        }
    }

    /** How a single-record transaction ended on the calling thread. */
    private enum Outcome {
        ANSWERED,
        /** The answer goes out, and the connection is released, once the writes are durable and replicated. */
        WAITING,
        /** Nothing was done: the transaction needs a device read this thread may not do. */
        WOULD_BLOCK,
        /** Nothing was done: the partition is between views. */
        NOT_READY,
        /** Nothing was done: another node serves the partition ({@link WorkerState#proxyTarget}). */
        ELSEWHERE,
        /** Nothing was done: the record's duplicates must be resolved first. */
        RESOLVE
    }

    private Outcome executeSingle(Requester requester, ConnectionGate gate, WorkerState state, AsMessage message) {
        ByteBuf out = requester.alloc().directBuffer(256);
        int frameAt = ReplyWriter.beginFrame(out);
        try {
            executeRecord(state, message, message.digestAt, out, 0);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        Outcome stopped = stoppedBeforeAnswer(state);
        if (stopped != null) {
            out.release();
            return stopped;
        }
        ReplyWriter.endFrame(out, frameAt);
        Replication.ReplicationWait replication = state.replication;
        state.replication = null;
        if (!state.ticket.pending() && replication == null) {
            requester.answer(out);
            return Outcome.ANSWERED;
        }
        PendingAnswer answer = new PendingAnswer(requester, gate, out, (state.ticket.pending() ? 1 : 0)
                + (replication != null ? 1 : 0));
        if (replication != null) {
            replication.whenDone(answer::replicated);
        }
        if (state.ticket.pending()) {
            // Acknowledge only what is durable; the device's flusher calls back, so no thread waits.
            NamespaceStore store = state.ticket.store();
            boolean deferredWake = state.ticket.defersWake();
            state.ticket.whenDurable(answer::durable);
            if (deferredWake) {
                state.wakeFlushersAfterThisRound(requester.executor(), store);
            }
        }
        return Outcome.WAITING;
    }

    private static Outcome stoppedBeforeAnswer(WorkerState state) {
        if (state.wouldBlock) {
            state.wouldBlock = false;
            return Outcome.WOULD_BLOCK;
        }
        return switch (state.route) {
            case Routing.WAIT -> Outcome.NOT_READY;
            case Routing.PROXY -> Outcome.ELSEWHERE;
            case Routing.RESOLVE -> Outcome.RESOLVE;
            default -> null;
        };
    }

    /**
     * The answer of a write that waits for its device and its replicas: it leaves, on the requester's event loop
     * (never inline: a callback may come before this request's decode returns), once both are done.
     */
    private static final class PendingAnswer {
        private final Requester requester;
        private final ConnectionGate gate;
        private final ByteBuf out;
        private int waitingFor;
        private boolean durable = true;
        private int replicationResult = ResultCode.OK;

        PendingAnswer(Requester requester, ConnectionGate gate, ByteBuf out, int waitingFor) {
            this.requester = requester;
            this.gate = gate;
            this.out = out;
            this.waitingFor = waitingFor;
        }

        void durable(boolean stored) {
            synchronized (this) {
                durable = stored;
            }
            partDone();
        }

        void replicated(int resultCode) {
            synchronized (this) {
                replicationResult = resultCode;
            }
            partDone();
        }

        private void partDone() {
            synchronized (this) {
                if (--waitingFor > 0) {
                    return;
                }
            }
            requester.executor().execute(this::send);
        }

        private void send() {
            if (!durable) {
                out.release(); // the device failed: the write is in doubt, and the client learns it from the close
                requester.abandon();
            } else if (replicationResult != ResultCode.OK) {
                out.release(); // applied here, not on every replica: in doubt
                replySingle(requester, ResultCode.TIMEOUT);
            } else {
                requester.answer(out);
            }
            gate.releaseNow();
        }
    }

    /**
     * Runs one single-record transaction (a request, or one batch row whose digest is at {@code digestAt}) and
     * appends exactly one reply record to {@code out}, unless it stopped before answering ({@code state.route} not
     * SERVE, or {@code state.wouldBlock}).
     */
    void executeRecord(WorkerState state, AsMessage message, int digestAt, ByteBuf out, int batchIndex) {
        state.route = Routing.SERVE;
        state.partitionState = null;
        state.replication = null;
        Namespace namespace = message.namespaceAt == AsMessage.ABSENT ? null
                : namespaces.find(message.buffer, message.namespaceAt, message.namespaceLength);
        if (namespace == null) {
            ReplyWriter.headerOnly(out, ResultCode.INVALID_NAMESPACE, batchIndex);
            return;
        }
        int problem = digestAt < 0 ? ResultCode.PARAMETER_ERROR : message.fieldProblem();
        if (problem != ResultCode.OK) {
            ReplyWriter.headerOnly(out, problem, batchIndex);
            return;
        }
        long nowMs = clock.millis();
        if ((message.info2 & MessageFlags.INFO2_WRITE) == 0) {
            ReadTransaction.execute(state, message, namespace, digestAt, VoidTime.nowSeconds(nowMs),
                    out, batchIndex);
        } else if ((message.info2 & MessageFlags.INFO2_DELETE) != 0) {
            DeleteTransaction.execute(state, message, namespace, digestAt, nowMs, out, batchIndex);
        } else {
            WriteTransaction.execute(state, message, namespace, digestAt, nowMs, out, batchIndex);
        }
    }

    Namespaces namespaces() {
        return namespaces;
    }

    InstantSource clock() {
        return clock;
    }

    Executor scanExecutor() {
        return scanExecutor;
    }

    /** Ends a multi-record reply that has nothing else to say: one LAST record with the result code. */
    static void replyLast(ChannelHandlerContext context, int resultCode) {
        ByteBuf out = context.alloc().directBuffer(32);
        int frameAt = ReplyWriter.beginFrame(out);
        ReplyWriter.header(out, 0, MessageFlags.INFO3_LAST, resultCode, 0, 0, 0, 0, 0);
        ReplyWriter.endFrame(out, frameAt);
        context.writeAndFlush(out, context.voidPromise());
    }

    /** A reply carrying only a result code, for requests too malformed to say more, or ended in doubt. */
    public static void replySingle(Requester requester, int resultCode) {
        requester.answer(headerOnlyFrame(requester.alloc().directBuffer(32), resultCode));
    }

    /** Appends one whole frame with a header-only record of {@code resultCode}. */
    public static ByteBuf headerOnlyFrame(ByteBuf out, int resultCode) {
        int frameAt = ReplyWriter.beginFrame(out);
        ReplyWriter.headerOnly(out, resultCode, 0);
        ReplyWriter.endFrame(out, frameAt);
        return out;
    }
}
