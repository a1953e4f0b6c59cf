package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.RecordLayout;

/** Get (all bins, named bins), getHeader and exists: one partition-locked lookup and a copy into the reply. */
final class ReadTransaction {

    private ReadTransaction() {
    }

    static void execute(WorkerState state, AsMessage message, Namespace namespace, int digestAt, long nowSeconds,
            ByteBuf out, int batchIndex) {
        int problem = checkOperations(message);
        if (problem != ResultCode.OK) {
            namespace.readError.increment();
            ReplyWriter.headerOnly(out, problem, batchIndex);
            return;
        }
        PartitionIndex partition = RecordKey.partition(namespace, message.buffer, digestAt);
        partition.lock().lock();
        try {
            if (!Routing.serveHere(state, namespace, RecordKey.partitionId(message.buffer, digestAt), true)) {
                return;
            }
            long entry = RecordKey.find(partition, message.buffer, digestAt);
            if (!namespace.store().live(entry, nowSeconds)) {
                namespace.readNotFound.increment();
                ReplyWriter.headerOnly(out, ResultCode.KEY_NOT_FOUND, batchIndex);
                return;
            }
            long record = state.open(namespace.store(), entry);
            if (record == NamespaceStore.NOT_BUFFERED) {
                state.wouldBlock = true;
                return;
            }
            if (record == 0) {
                namespace.readError.increment();
                ReplyWriter.headerOnly(out, ResultCode.SERVER_ERROR, batchIndex); // failed checksum, logged
                return;
            }
            if (RecordKey.mismatches(message, record)) {
                namespace.readError.increment();
                ReplyWriter.headerOnly(out, ResultCode.KEY_MISMATCH, batchIndex);
                return;
            }
            namespace.readSuccess.increment();
            writeRecord(state, message, entry, record, out, batchIndex);
        } finally {
            partition.lock().unlock();
        }
    }

    /** A read may hold only READ ops; other read kinds (list/map, bit, HLL, expression) are not served yet. */
    private static int checkOperations(AsMessage message) {
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            int type = message.operationType(op);
            if (type == OperationType.READ) {
                continue;
            }
            return OperationType.isRead(type) ? ResultCode.UNSUPPORTED_FEATURE : ResultCode.PARAMETER_ERROR;
        }
        return ResultCode.OK;
    }

    private static void writeRecord(WorkerState state, AsMessage message, long entry, long record, ByteBuf out,
            int batchIndex) {
        int headerAt = ReplyWriter.header(out, 0, 0, ResultCode.OK, PartitionIndex.generation(entry),
                PartitionIndex.voidTime(entry), batchIndex, 0, 0);
        if ((message.info1 & MessageFlags.INFO1_NO_BIN_DATA) != 0) {
            return;
        }
        boolean all = (message.info1 & MessageFlags.INFO1_GET_ALL) != 0 || message.operationCount == 0;
        int written = 0;
        long bin = RecordLayout.firstBin(record);
        for (int i = RecordLayout.binCount(record); i > 0; i--, bin = RecordLayout.nextBin(bin)) {
            if (all || isRequested(state, message, bin)) {
                ReplyWriter.storedBin(out, bin);
                written++;
            }
        }
        ReplyWriter.patchCounts(out, headerAt, 0, written);
    }

    private static boolean isRequested(WorkerState state, AsMessage message, long bin) {
        byte[] name = state.name;
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            int nameLength = message.nameLength(op);
            if (nameLength == RecordLayout.nameBytes(bin)) {
                message.buffer.getBytes(message.nameAt(op), name, 0, nameLength);
                if (RecordLayout.nameEquals(bin, name, nameLength)) {
                    return true;
                }
            }
        }
        return false;
    }
}
