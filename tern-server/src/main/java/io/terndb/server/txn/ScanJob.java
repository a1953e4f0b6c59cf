package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.RecordLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A partition scan as the official client sends it: the requested partitions (PID_ARRAY), or resumed strictly after a
 * digest (DIGEST_ARRAY), each walked in descending digest order as the original does, streamed in frames and ended
 * with a LAST record. Runs on the scan executor; the connection reads nothing else until the scan is done.
 */
final class ScanJob implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(ScanJob.class);
    private static final long SEND_WAIT_SECONDS_MAX = 30;

    private final ChannelHandlerContext context;
    private final ConnectionGate gate;
    private final TransactionService service;
    private final Namespace namespace;
    private final int setId;
    private final boolean wholeNamespace;
    private final int[] partitionIds;
    private final byte[][] resumeAfter;
    private final long maxRecords;
    private final boolean noBinData;
    private final List<byte[]> binNames;
    private long sent;
    /** This scan's own read buffer: scans run on virtual threads, which must not keep per-thread native memory. */
    private final RecordBuffer readBuffer = new RecordBuffer();

    private ScanJob(ChannelHandlerContext context, ConnectionGate gate, TransactionService service,
            Namespace namespace, int setId,
            boolean wholeNamespace, int[] partitionIds, byte[][] resumeAfter, long maxRecords, boolean noBinData,
            List<byte[]> binNames) {
        this.context = context;
        this.gate = gate;
        this.service = service;
        this.namespace = namespace;
        this.setId = setId;
        this.wholeNamespace = wholeNamespace;
        this.partitionIds = partitionIds;
        this.resumeAfter = resumeAfter;
        this.maxRecords = maxRecords;
        this.noBinData = noBinData;
        this.binNames = binNames;
    }

    /** Validates the request, copies what the scan needs out of the request buffer, and starts it. */
    static void start(ChannelHandlerContext context, ConnectionGate gate, AsMessage message,
            TransactionService service) {
        Namespace namespace = message.namespaceAt == AsMessage.ABSENT ? null
                : service.namespaces().find(message.buffer, message.namespaceAt, message.namespaceLength);
        int problem = check(message, namespace);
        if (problem != ResultCode.OK) {
            TransactionService.replyLast(context, problem);
            return;
        }
        ByteBuf buffer = message.buffer;
        boolean wholeNamespace = message.setAt == AsMessage.ABSENT || message.setLength == 0;
        int setId = 0;
        if (!wholeNamespace) {
            byte[] setName = new byte[message.setLength];
            buffer.getBytes(message.setAt, setName);
            setId = namespace.store().sets().find(setName, 0, setName.length);
            if (setId < 0) {
                TransactionService.replyLast(context, ResultCode.OK); // a set never written holds nothing
                return;
            }
        }
        List<Integer> partitions = new ArrayList<>();
        List<byte[]> resume = new ArrayList<>();
        readPartitions(message, partitions, resume);
        long maxRecords = message.maxRecordsAt == AsMessage.ABSENT ? 0 : buffer.getLong(message.maxRecordsAt);
        ScanJob job = new ScanJob(context, gate, service, namespace, setId, wholeNamespace,
                partitions.stream().mapToInt(Integer::intValue).toArray(), resume.toArray(new byte[0][]),
                maxRecords, (message.info1 & MessageFlags.INFO1_NO_BIN_DATA) != 0, binNames(message));
        // Hold the connection, and stop reading it: a scan can be long, and nothing may pile up meanwhile.
        gate.hold();
        context.channel().config().setAutoRead(false);
        service.scanExecutor().execute(job);
    }

    private static int check(AsMessage message, Namespace namespace) {
        if (namespace == null) {
            return ResultCode.INVALID_NAMESPACE;
        }
        if (message.fieldProblem() != ResultCode.OK) {
            return message.fieldProblem();
        }
        if ((message.info2 & MessageFlags.INFO2_WRITE) != 0) {
            return ResultCode.UNSUPPORTED_FEATURE; // background scans/queries come with UDF and query support
        }
        if ((message.info3 & MessageFlags.INFO3_PARTITION_DONE) == 0) {
            return ResultCode.UNSUPPORTED_FEATURE; // the original refuses scans from clients without partition-done
        }
        if (message.partitionIdsAt != AsMessage.ABSENT && message.partitionIdsLength % 2 != 0
                || message.digestsAt != AsMessage.ABSENT && message.digestsLength % FieldType.DIGEST_BYTES != 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            if (message.operationType(op) != OperationType.READ) {
                return ResultCode.PARAMETER_ERROR;
            }
        }
        return ResultCode.OK;
    }

    /** PID_ARRAY entries scan whole partitions; DIGEST_ARRAY entries resume their digest's partition after it. */
    private static void readPartitions(AsMessage message, List<Integer> partitions, List<byte[]> resume) {
        ByteBuf buffer = message.buffer;
        if (message.partitionIdsAt == AsMessage.ABSENT && message.digestsAt == AsMessage.ABSENT) {
            for (int partitionId = 0; partitionId < PartitionId.COUNT; partitionId++) {
                partitions.add(partitionId);
                resume.add(null);
            }
            return;
        }
        if (message.partitionIdsAt != AsMessage.ABSENT) {
            for (int at = message.partitionIdsAt; at < message.partitionIdsAt + message.partitionIdsLength; at += 2) {
                partitions.add(buffer.getUnsignedShortLE(at) & (PartitionId.COUNT - 1));
                resume.add(null);
            }
        }
        if (message.digestsAt != AsMessage.ABSENT) {
            for (int at = message.digestsAt; at < message.digestsAt + message.digestsLength;
                    at += FieldType.DIGEST_BYTES) {
                byte[] digest = new byte[FieldType.DIGEST_BYTES];
                buffer.getBytes(at, digest);
                partitions.add(PartitionId.of(digest));
                resume.add(digest);
            }
        }
    }

    private static List<byte[]> binNames(AsMessage message) {
        List<byte[]> names = new ArrayList<>();
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            byte[] name = new byte[message.nameLength(op)];
            message.buffer.getBytes(message.nameAt(op), name);
            names.add(name);
        }
        return names;
    }

    @Override
    public void run() {
        ReplyStream stream = new ReplyStream(context, null);
        try {
            boolean complete = true;
            for (int i = 0; i < partitionIds.length && complete; i++) {
                complete = scanPartition(stream, partitionIds[i], resumeAfter[i]);
            }
            stream.finish(ResultCode.OK);
            namespace.scansCompleted.increment();
        } catch (ScanAbortedException e) {
            stream.discard();
            log.debug("scan ended early: {}", e.getMessage());
            context.close();
        } catch (RuntimeException e) {
            stream.discard();
            log.error("scan of namespace {} failed", namespace.name(), e);
            context.close();
        } finally {
            readBuffer.close();
            resumeReading();
        }
    }

    private void resumeReading() {
        context.channel().eventLoop().execute(() -> context.channel().config().setAutoRead(true));
        gate.release();
    }

    /** Streams one partition; returns false once {@code maxRecords} have been sent. */
    private boolean scanPartition(ReplyStream stream, int partitionId, byte[] resumeDigest) {
        PartitionIndex partition = namespace.store().partition(partitionId);
        if (!servedHere(partition, partitionId)) {
            // Not this node's: a partition-done marker with 11 tells the client to ask the node its map names next.
            ReplyWriter.header(stream.out(), 0, MessageFlags.INFO3_PARTITION_DONE, ResultCode.PARTITION_UNAVAILABLE,
                    partitionId, 0, 0, 0, 0);
            return true;
        }
        DigestList digests = collect(partition, resumeDigest);
        digests.sortDescending();
        for (int i = 0; i < digests.size(); i++) {
            if (maxRecords > 0 && sent >= maxRecords) {
                return false;
            }
            if (writeRecord(stream.out(), partition, digests, i)) {
                sent++;
            }
            send(stream.flushIfFull());
        }
        return maxRecords == 0 || sent < maxRecords;
    }

    /**
     * Whether this node scans the partition: only its working master does, as the original's scans take a write
     * reservation. A prole with a whole copy answers single-record replica reads, but a scan of it would hand out
     * every record once per copy to a client that scans every node without a partition list.
     */
    private boolean servedHere(PartitionIndex partition, int partitionId) {
        partition.lock().lock();
        try {
            io.terndb.cluster.partition.PartitionState state = namespace.partitions().state(partitionId);
            return state.ready() && state.serving();
        } finally {
            partition.lock().unlock();
        }
    }

    private DigestList collect(PartitionIndex partition, byte[] resumeDigest) {
        long nowSeconds = VoidTime.nowSeconds(service.clock().millis());
        partition.lock().lock();
        try {
            DigestList digests = new DigestList(partition.size());
            for (int slot = 0; slot < partition.capacity(); slot++) {
                long entry = partition.entryAt(slot);
                if (namespace.store().live(entry, nowSeconds)
                        && (wholeNamespace || PartitionIndex.setId(entry) == setId)) {
                    digests.add(entry);
                }
            }
            if (resumeDigest != null) {
                digests.keepBelow(resumeDigest);
            }
            return digests;
        } finally {
            partition.lock().unlock();
        }
    }

    /** Appends the record with the i-th digest, if it still exists; returns whether it did. */
    private boolean writeRecord(ByteBuf out, PartitionIndex partition, DigestList digests, int i) {
        partition.lock().lock();
        try {
            long entry = partition.find(digests.d0(i), digests.d1(i), digests.d2(i));
            if (entry == 0 || PartitionIndex.tombstone(entry)) {
                return false;
            }
            long record = namespace.store().open(entry, readBuffer);
            if (record == 0) {
                return false; // failed its checksum (logged by the engine): skipped, not sent as garbage
            }
            int entrySetId = PartitionIndex.setId(entry);
            int keyBytes = RecordLayout.keyBytes(record);
            int fieldCount = 2 + (entrySetId != 0 ? 1 : 0) + (keyBytes > 0 ? 1 : 0);
            int headerAt = ReplyWriter.header(out, noBinData ? MessageFlags.INFO1_NO_BIN_DATA : 0, 0, ResultCode.OK,
                    PartitionIndex.generation(entry), PartitionIndex.voidTime(entry), 0, fieldCount, 0);
            ReplyWriter.field(out, FieldType.NAMESPACE, namespace.nameBytes());
            ReplyWriter.field(out, FieldType.DIGEST, entry, FieldType.DIGEST_BYTES);
            if (entrySetId != 0) {
                ReplyWriter.field(out, FieldType.SET, namespace.store().sets().nameBytes(entrySetId));
            }
            if (keyBytes > 0) {
                ReplyWriter.field(out, FieldType.KEY, RecordLayout.key(record), keyBytes);
            }
            if (!noBinData) {
                ReplyWriter.patchCounts(out, headerAt, fieldCount, writeBins(out, record));
            }
            return true;
        } finally {
            partition.lock().unlock();
        }
    }

    private int writeBins(ByteBuf out, long record) {
        int written = 0;
        long bin = RecordLayout.firstBin(record);
        for (int i = RecordLayout.binCount(record); i > 0; i--, bin = RecordLayout.nextBin(bin)) {
            if (binNames.isEmpty() || isSelected(bin)) {
                ReplyWriter.storedBin(out, bin);
                written++;
            }
        }
        return written;
    }

    private boolean isSelected(long bin) {
        for (byte[] name : binNames) {
            if (RecordLayout.nameEquals(bin, name, name.length)) {
                return true;
            }
        }
        return false;
    }

    /** Waits for a sent frame while the connection's outbound buffer is over its high-water mark. */
    private void send(ChannelFuture future) {
        if (future == null) {
            return;
        }
        if (!context.channel().isActive()) {
            throw new ScanAbortedException("client closed the connection");
        }
        if (!context.channel().isWritable() && !future.awaitUninterruptibly(SEND_WAIT_SECONDS_MAX, TimeUnit.SECONDS)) {
            throw new ScanAbortedException("client stopped reading for " + SEND_WAIT_SECONDS_MAX + " s");
        }
        if (future.isDone() && !future.isSuccess()) {
            throw new ScanAbortedException("send failed: " + future.cause());
        }
    }

    private static final class ScanAbortedException extends RuntimeException {
        ScanAbortedException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public String toString() {
        return "scan of " + namespace.name() + (wholeNamespace ? "" : "/" + new String(
                namespace.store().sets().nameBytes(setId), StandardCharsets.UTF_8));
    }
}
