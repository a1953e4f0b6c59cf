package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;
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
            if (hasCdtRead(message)) {
                int code = operate(state, message, record);
                if (code != ResultCode.OK) {
                    namespace.readError.increment();
                    ReplyWriter.headerOnly(out, code, batchIndex);
                    return;
                }
                namespace.readSuccess.increment();
                writeResults(state, entry, out, batchIndex);
                return;
            }
            namespace.readSuccess.increment();
            writeRecord(state, message, entry, record, out, batchIndex);
        } finally {
            partition.lock().unlock();
        }
    }

    /** A read may hold only READ and CDT_READ ops; other read kinds (bit, HLL, expression) are not served yet. */
    private static int checkOperations(AsMessage message) {
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            int type = message.operationType(op);
            if (type == OperationType.READ || type == OperationType.CDT_READ) {
                continue;
            }
            return OperationType.isRead(type) ? ResultCode.UNSUPPORTED_FEATURE : ResultCode.PARAMETER_ERROR;
        }
        return ResultCode.OK;
    }

    private static boolean hasCdtRead(AsMessage message) {
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            if (message.operationType(op) == OperationType.CDT_READ) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a read with list/map ops: answers op by op into {@code state.results} (a READ of a bin, a CDT op's
     * result), reading the stored bins in place. Returns a result code.
     */
    private static int operate(WorkerState state, AsMessage message, long record) {
        BinSet results = state.results;
        results.clear();
        boolean respondAll = (message.info2 & MessageFlags.INFO2_RESPOND_ALL_OPS) != 0;
        byte[] name = state.name;
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            int nameLength = message.nameLength(op);
            if (nameLength > MessageLayout.BIN_NAME_BYTES_MAX) {
                return ResultCode.BIN_NAME_TOO_LONG;
            }
            message.buffer.getBytes(message.nameAt(op), name, 0, nameLength);
            boolean all = nameLength == 0 && (message.info1 & MessageFlags.INFO1_GET_ALL) != 0;
            long bin = RecordLayout.firstBin(record);
            long found = 0;
            for (int b = RecordLayout.binCount(record); b > 0; b--, bin = RecordLayout.nextBin(bin)) {
                if (all) {
                    copyStoredBin(results, bin);
                } else if (nameLength > 0 && RecordLayout.nameBytes(bin) == nameLength
                        && RecordLayout.nameEquals(bin, name, nameLength)) {
                    found = bin;
                    break;
                }
            }
            if (all || nameLength == 0) {
                continue;
            }
            if (found == 0) {
                if (respondAll) {
                    results.add(name, 0, nameLength);
                }
                continue;
            }
            if (message.operationType(op) == OperationType.READ) {
                copyStoredBin(results, found);
                continue;
            }
            int code = state.cdt.apply(state.program(message, op), 0, message.valueLength(op), false,
                    NativeMemory.ALL, RecordLayout.value(found), RecordLayout.valueBytes(found),
                    RecordLayout.particleType(found));
            if (code != ResultCode.OK) {
                return code;
            }
            if (respondAll || state.cdt.hasResult()) {
                CdtBinOperations.addResult(state, name, 0, nameLength);
            }
        }
        return ResultCode.OK;
    }

    private static void copyStoredBin(BinSet results, long bin) {
        int nameBytes = RecordLayout.nameBytes(bin);
        int index = results.addNative(RecordLayout.name(bin), nameBytes);
        int valueBytes = RecordLayout.valueBytes(bin);
        int offset = results.reserveValue(index, RecordLayout.particleType(bin), valueBytes);
        NativeMemory.copyToArray(RecordLayout.value(bin), results.values(), offset, valueBytes);
    }

    private static void writeResults(WorkerState state, long entry, ByteBuf out, int batchIndex) {
        BinSet results = state.results;
        ReplyWriter.header(out, 0, 0, ResultCode.OK, PartitionIndex.generation(entry), PartitionIndex.voidTime(entry),
                batchIndex, 0, results.count());
        for (int i = 0; i < results.count(); i++) {
            ReplyWriter.workingBin(out, results, i, OperationType.READ);
        }
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
