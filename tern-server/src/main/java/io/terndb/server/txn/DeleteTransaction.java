package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.index.PartitionIndex;

/** Delete of a whole record. Deletes report no metadata (generation and void time 0), as the original. */
final class DeleteTransaction {

    private DeleteTransaction() {
    }

    static void execute(WorkerState state, AsMessage message, Namespace namespace, int digestAt, long nowMs,
            ByteBuf out, int batchIndex) {
        PartitionIndex partition = RecordKey.partition(namespace, message.buffer, digestAt);
        long nowSeconds = VoidTime.nowSeconds(nowMs);
        int result;
        partition.lock().lock();
        try {
            if (!Routing.serveHere(state, namespace, RecordKey.partitionId(message.buffer, digestAt), false)) {
                return;
            }
            long entry = RecordKey.find(partition, message.buffer, digestAt);
            result = check(message, namespace, entry, nowSeconds);
            if (result == ResultCode.OK) {
                NamespaceStore.stampDelete(entry, nowMs);
                // Replicated before the local delete: a memory namespace frees the entry it reads the digest from.
                Replication.delete(state, message, namespace, entry, nowMs);
                namespace.store().delete(partition, entry, state.ticket);
            } else if (entry != 0 && !PartitionIndex.tombstone(entry) && namespace.store().gone(entry, nowSeconds)) {
                namespace.store().remove(partition, entry); // the client still hears "not found"
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

    private static int check(AsMessage message, Namespace namespace, long entry, long nowSeconds) {
        if (!namespace.store().live(entry, nowSeconds)) {
            return ResultCode.KEY_NOT_FOUND;
        }
        return RecordKey.generationRefuses(message, PartitionIndex.generation(entry)) ? ResultCode.GENERATION_ERROR
                : ResultCode.OK;
    }
}
