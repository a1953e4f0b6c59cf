package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import java.time.InstantSource;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of every AS_MSG request: decides single-record, batch or scan and runs it. Single-record and batch
 * transactions run on the calling event loop (the memory engine never blocks); scans run on the scan executor so
 * a long walk never stalls other connections.
 */
public final class TransactionService {

    private static final Logger log = LoggerFactory.getLogger(TransactionService.class);

    private final Namespaces namespaces;
    private final InstantSource clock;
    private final Executor scanExecutor;
    private final Executor workers;

    /**
     * @param scanExecutor runs scans
     * @param workers      runs transactions of namespaces whose storage may block (threads must be
     *                     {@code FastThreadLocalThread}s or platform threads: each keeps a {@link WorkerState})
     */
    public TransactionService(Namespaces namespaces, InstantSource clock, Executor scanExecutor, Executor workers) {
        this.namespaces = namespaces;
        this.clock = clock;
        this.scanExecutor = scanExecutor;
        this.workers = workers;
    }

    /**
     * Handles the AS_MSG in {@code buffer[start, end)}; the buffer is only valid during this call. A request for a
     * namespace whose storage may block is copied and run on a transaction worker, the connection held meanwhile.
     */
    public void handle(ChannelHandlerContext context, ConnectionGate gate, ByteBuf buffer, int start, int end) {
        WorkerState state = WorkerState.current();
        AsMessage message = state.message;
        int position = message.parseHeader(buffer, start, end);
        if (position < 0 || message.parseFieldsAndOps(position, end) != end) {
            replySingle(context, ResultCode.PARAMETER_ERROR);
            return;
        }
        if (message.hasDigest() || (message.info1 & MessageFlags.INFO1_BATCH) != 0) {
            if (mayBlock(message)) {
                ByteBuf copy = context.alloc().directBuffer(end - start).writeBytes(buffer, start, end - start);
                gate.hold();
                workers.execute(() -> runOnWorker(context, gate, copy));
                return;
            }
            execute(context, state, message);
        } else {
            ScanJob.start(context, gate, message, this);
        }
    }

    /** Batches may name any namespace in any row: they leave the event loop when any namespace may block. */
    private boolean mayBlock(AsMessage message) {
        if (!namespaces.anyBlocking() || (message.info1 & MessageFlags.INFO1_BATCH) != 0) {
            return namespaces.anyBlocking(); // a memory-only node never looks the namespace up twice
        }
        Namespace namespace = message.namespaceAt == AsMessage.ABSENT ? null
                : namespaces.find(message.buffer, message.namespaceAt, message.namespaceLength);
        return namespace != null && namespace.store().blocking();
    }

    private void runOnWorker(ChannelHandlerContext context, ConnectionGate gate, ByteBuf copy) {
        try {
            WorkerState state = WorkerState.current();
            AsMessage message = state.message;
            message.parseFieldsAndOps(message.parseHeader(copy, 0, copy.writerIndex()), copy.writerIndex());
            execute(context, state, message);
        } catch (RuntimeException e) {
            log.error("transaction failed", e);
            context.close();
        } finally {
            copy.release();
            gate.release();
        }
    }

    private void execute(ChannelHandlerContext context, WorkerState state, AsMessage message) {
        if ((message.info1 & MessageFlags.INFO1_BATCH) != 0) {
            BatchTransaction.execute(context, state, message, this);
            return;
        }
        ByteBuf out = context.alloc().directBuffer(256);
        int frameAt = ReplyWriter.beginFrame(out);
        try {
            executeRecord(state, message, message.digestAt, out, 0);
            state.ticket.await(); // acknowledge only what is durable
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        ReplyWriter.endFrame(out, frameAt);
        context.writeAndFlush(out, context.voidPromise());
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
