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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every AS_MSG request: decides single-record, batch or scan and runs it. Single-record transactions
 * run on the calling event loop unless they need a device read (then on a worker); writes to a device are answered
 * by the device's flusher once durable. Batches run on the event loop when no namespace may block; scans run on the
 * scan executor so a long walk never stalls other connections.
 */
public final class TransactionService {

    private static final Logger log = LoggerFactory.getLogger(TransactionService.class);

    private final Namespaces namespaces;
    private final InstantSource clock;
    private final Executor scanExecutor;
    private final Executor workers;

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

    /**
     * Handles the AS_MSG in {@code buffer[start, end)}; the buffer is only valid during this call. Single-record
     * transactions run here; one that needs a device read is copied and run again on a transaction worker, and so
     * are batches when a namespace may block. While an answer waits (for a worker, or for its writes to reach the
     * device) the connection is held, so answers leave in request order.
     */
    public void handle(ChannelHandlerContext context, ConnectionGate gate, ByteBuf buffer, int start, int end) {
        WorkerState state = WorkerState.current();
        AsMessage message = state.message;
        int position = message.parseHeader(buffer, start, end);
        if (position < 0 || message.parseFieldsAndOps(position, end) != end) {
            replySingle(context, ResultCode.PARAMETER_ERROR);
            return;
        }
        if (isBatch(message)) {
            if (namespaces.anyBlocking()) {
                runOnWorker(context, gate, buffer, start, end);
                return;
            }
            state.mayBlock = false;
            BatchTransaction.execute(context, state, message, this);
        } else if (message.hasDigest()) {
            state.mayBlock = false;
            state.ticket.deferWake(true); // see WorkerState.wakeFlushersAfterThisRound
            switch (executeSingle(context, gate, state, message)) {
                case WAITING -> gate.hold();
                case WOULD_BLOCK -> runOnWorker(context, gate, buffer, start, end);
                case ANSWERED -> { }
            }
        } else {
            ScanJob.start(context, gate, message, this);
        }
    }

    private static boolean isBatch(AsMessage message) {
        return (message.info1 & MessageFlags.INFO1_BATCH) != 0;
    }

    /** Copies the request and runs it on a worker thread, which may block; the connection is held meanwhile. */
    private void runOnWorker(ChannelHandlerContext context, ConnectionGate gate, ByteBuf buffer, int start, int end) {
        ByteBuf copy = context.alloc().directBuffer(end - start).writeBytes(buffer, start, end - start);
        gate.hold();
        workers.execute(() -> runOnWorker(context, gate, copy));
    }

    private void runOnWorker(ChannelHandlerContext context, ConnectionGate gate, ByteBuf copy) {
        boolean handedOff = false;
        try {
            WorkerState state = WorkerState.current();
            state.mayBlock = true;
            state.ticket.deferWake(false);
            AsMessage message = state.message;
            message.parseFieldsAndOps(message.parseHeader(copy, 0, copy.writerIndex()), copy.writerIndex());
            if (isBatch(message)) {
                BatchTransaction.execute(context, state, message, this);
            } else {
                handedOff = executeSingle(context, gate, state, message) == Outcome.WAITING;
            }
        } catch (RuntimeException e) {
            log.error("transaction failed", e);
            context.close();
        } finally {
            copy.release();
            if (!handedOff) {
                gate.release();
            }
        }
    }

    /** How a single-record transaction ended on the calling thread. */
    private enum Outcome {
        ANSWERED,
        /** The answer goes out, and the connection is released, once the writes are durable. */
        WAITING,
        /** Nothing was done: the transaction needs a device read this thread may not do. */
        WOULD_BLOCK
    }

    private Outcome executeSingle(ChannelHandlerContext context, ConnectionGate gate, WorkerState state,
            AsMessage message) {
        ByteBuf out = context.alloc().directBuffer(256);
        int frameAt = ReplyWriter.beginFrame(out);
        try {
            executeRecord(state, message, message.digestAt, out, 0);
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        if (state.wouldBlock) {
            state.wouldBlock = false;
            out.release();
            return Outcome.WOULD_BLOCK;
        }
        ReplyWriter.endFrame(out, frameAt);
        if (!state.ticket.pending()) {
            context.writeAndFlush(out, context.voidPromise());
            return Outcome.ANSWERED;
        }
        // Acknowledge only what is durable; the device's flusher calls back, so no thread waits. The answer is one
        // task on the event loop (never run inline: the callback may come before this request's decode returns).
        NamespaceStore store = state.ticket.store();
        boolean deferredWake = state.ticket.defersWake();
        state.ticket.whenDurable(durable -> context.executor().execute(
                () -> answerWhenDurable(context, gate, out, durable)));
        if (deferredWake) {
            state.wakeFlushersAfterThisRound(context.executor(), store);
        }
        return Outcome.WAITING;
    }

    private static void answerWhenDurable(ChannelHandlerContext context, ConnectionGate gate, ByteBuf out,
            boolean durable) {
        if (durable) {
            context.writeAndFlush(out, context.voidPromise());
        } else {
            out.release(); // the device failed: the write is in doubt, and the client learns it from the close
            context.close();
        }
        gate.releaseNow();
    }

    /**
     * Runs one single-record transaction (a request, or one batch row whose digest is at {@code digestAt}) and
     * appends exactly one reply record to {@code out}.
     */
    void executeRecord(WorkerState state, AsMessage message, int digestAt, ByteBuf out, int batchIndex) {
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
            DeleteTransaction.execute(state, message, namespace, digestAt, VoidTime.nowSeconds(nowMs),
                    out, batchIndex);
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

    /** A reply carrying only a result code, for requests too malformed to say more. */
    public static void replySingle(ChannelHandlerContext context, int resultCode) {
        ByteBuf out = context.alloc().directBuffer(32);
        int frameAt = ReplyWriter.beginFrame(out);
        ReplyWriter.headerOnly(out, resultCode, 0);
        ReplyWriter.endFrame(out, frameAt);
        context.writeAndFlush(out, context.voidPromise());
    }
}
