package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.MemoryNamespaceStore;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.RecordLayout;

/** Delete of a whole record. Deletes report no metadata (generation and void time 0), as the original. */
final class DeleteTransaction {

    private DeleteTransaction() {
    }

    static void execute(AsMessage message, Namespace namespace, int digestAt, long nowSeconds, ByteBuf out,
            int batchIndex) {
        ByteBuf buffer = message.buffer;
        MemoryNamespaceStore store = namespace.store();
        PartitionIndex partition = store.partition(RecordKey.partitionId(buffer, digestAt));
        int result;
        partition.lock().lock();
        try {
            long entry = partition.find(RecordKey.d0(buffer, digestAt), RecordKey.d1(buffer, digestAt),
                    RecordKey.d2(buffer, digestAt));
            result = check(message, entry, nowSeconds);
            if (entry != 0 && result != ResultCode.GENERATION_ERROR) {
                // An expired record is removed too; the client still hears "not found".
                long record = PartitionIndex.location(entry);
                store.sets().recordRemoved(PartitionIndex.setId(entry), RecordLayout.totalBytes(record));
                store.freeRecord(record);
                partition.remove(entry);
            }
        } finally {
            partition.lock().unlock();
        }
        if (result == ResultCode.OK) {
            namespace.deleteSuccess.increment();
        } else if (result == ResultCode.KEY_NOT_FOUND) {
            namespace.deleteNotFound.increment();
        }
        ReplyWriter.headerOnly(out, result, batchIndex);
    }

    private static int check(AsMessage message, long entry, long nowSeconds) {
        if (entry == 0 || RecordKey.expired(PartitionIndex.voidTime(entry), nowSeconds)) {
            return ResultCode.KEY_NOT_FOUND;
        }
        int generation = PartitionIndex.generation(entry);
        if ((message.info2 & MessageFlags.INFO2_GENERATION) != 0 && message.generation != generation) {
            return ResultCode.GENERATION_ERROR;
        }
        if ((message.info2 & MessageFlags.INFO2_GENERATION_GT) != 0
                && Integer.toUnsignedLong(message.generation) <= generation) {
            return ResultCode.GENERATION_ERROR;
        }
        return ResultCode.OK;
    }
}
