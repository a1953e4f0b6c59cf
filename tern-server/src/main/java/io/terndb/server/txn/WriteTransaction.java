package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.SetRegistry;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;

/**
 * Put, operate, touch, append/prepend/increment: under the partition lock, check the record-exists and generation
 * policies, rebuild the record's bins in the worker's {@link BinSet}, apply the ops in order, then store the new
 * image (copy-on-write) and point the index at it. A failure at any step leaves the stored record untouched.
 */
final class WriteTransaction {

    /** Internal result: the write needs a device read the calling thread may not do (see WorkerState). */
    private static final int WOULD_BLOCK = -1;

    private WriteTransaction() {
    }

    static void execute(WorkerState state, AsMessage message, Namespace namespace, int digestAt, long nowMs,
            ByteBuf out, int batchIndex) {
        int problem = checkRequest(message, namespace);
        int setId = problem == ResultCode.OK ? resolveSet(state, message, namespace) : 0;
        if (problem == ResultCode.OK && setId < 0) {
            problem = ResultCode.FAIL_FORBIDDEN; // every set id is taken
        }
        if (problem != ResultCode.OK) {
            namespace.writeError.increment();
            ReplyWriter.headerOnly(out, problem, batchIndex);
            return;
        }
        PartitionIndex partition = RecordKey.partition(namespace, message.buffer, digestAt);
        partition.lock().lock();
        try {
            if (!Routing.serveHere(state, namespace, RecordKey.partitionId(message.buffer, digestAt), false)) {
                return;
            }
            long entry = RecordKey.find(partition, message.buffer, digestAt);
            long nowSeconds = VoidTime.nowSeconds(nowMs);
            if (entry != 0 && !PartitionIndex.tombstone(entry) && namespace.store().gone(entry, nowSeconds)) {
                namespace.store().remove(partition, entry);
                entry = 0;
            }
            int result = applyUnderLock(state, message, namespace, partition, entry, setId, digestAt, nowMs);
            if (result == WOULD_BLOCK) {
                state.wouldBlock = true;
                return;
            }
            if (result == ResultCode.OK) {
                namespace.writeSuccess.increment();
            } else {
                namespace.writeError.increment();
                if (result == ResultCode.RECORD_TOO_BIG) {
                    namespace.recordTooBig.increment();
                }
            }
            writeReply(state, out, result, state.replyGeneration, state.replyVoidTime, batchIndex);
        } finally {
            partition.lock().unlock();
        }
    }

    private static int checkRequest(AsMessage message, Namespace namespace) {
        if (message.operationCount == 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        int ttl = message.recordTtl;
        if (ttl < VoidTime.TTL_DONT_UPDATE || ttl > NamespaceConfig.TTL_SECONDS_MAX) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (ttl > 0 && !namespace.allowsTtl()) {
            return ResultCode.FAIL_FORBIDDEN;
        }
        if (message.setAt != AsMessage.ABSENT && message.setLength > io.terndb.protocol.FieldType.SET_BYTES_MAX) {
            return ResultCode.PARAMETER_ERROR;
        }
        return ResultCode.OK;
    }

    private static int resolveSet(WorkerState state, AsMessage message, Namespace namespace) {
        if (message.setAt == AsMessage.ABSENT || message.setLength == 0) {
            return SetRegistry.NO_SET;
        }
        byte[] name = state.name;
        int length = message.setLength;
        message.buffer.getBytes(message.setAt, name, 0, length);
        return namespace.store().sets().findOrAdd(name, 0, length);
    }

    /** {@code entry} is the record's index entry (0 if none), possibly a tombstone; never an expired record. */
    private static int applyUnderLock(WorkerState state, AsMessage message, Namespace namespace,
            PartitionIndex partition, long entry, int setId, int digestAt, long nowMs) {
        boolean exists = entry != 0 && !PartitionIndex.tombstone(entry);
        state.replyGeneration = exists ? PartitionIndex.generation(entry) : 0;
        state.replyVoidTime = exists ? PartitionIndex.voidTime(entry) : 0;
        state.results.clear();
        int policy = checkPolicies(message, exists, entry);
        if (policy != ResultCode.OK) {
            return policy;
        }
        NamespaceStore store = namespace.store();
        long record = exists ? state.open(store, entry) : 0;
        if (record == NamespaceStore.NOT_BUFFERED) {
            return WOULD_BLOCK; // nothing changed yet
        }
        if (exists && record == 0) {
            return ResultCode.SERVER_ERROR; // the stored bytes failed their checksum; logged by the engine
        }
        if (exists && RecordKey.mismatches(message, record)) {
            return ResultCode.KEY_MISMATCH;
        }
        BinSet bins = state.bins;
        loadWorkingCopy(bins, message, record);
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            int result = BinOperations.apply(state, message, op);
            if (result != ResultCode.OK) {
                return result;
            }
        }
        if (bins.count() == 0) {
            // A record whose last bin is gone is deleted, like the original.
            if (exists) {
                NamespaceStore.stampDelete(entry, nowMs);
                // Replicated before the local delete: a memory namespace frees the entry it reads the digest from.
                Replication.delete(state, message, namespace, entry, nowMs);
                store.delete(partition, entry, state.ticket);
            }
            state.replyGeneration = 0;
            state.replyVoidTime = 0;
            return ResultCode.OK;
        }
        if (message.keyAt != AsMessage.ABSENT && bins.keyLength() == 0) {
            byte[] key = state.keyScratch(message.keyLength);
            message.buffer.getBytes(message.keyAt, key, 0, message.keyLength);
            bins.key(key, 0, message.keyLength);
        }
        return store(state, message, namespace, partition, entry, setId, digestAt, nowMs);
    }

    private static int checkPolicies(AsMessage message, boolean exists, long entry) {
        if (exists && (message.info2 & MessageFlags.INFO2_CREATE_ONLY) != 0) {
            return ResultCode.KEY_EXISTS;
        }
        if (!exists && ((message.info3 & (MessageFlags.INFO3_UPDATE_ONLY | MessageFlags.INFO3_REPLACE_ONLY)) != 0
                || hasTouch(message))) {
            return ResultCode.KEY_NOT_FOUND;
        }
        if (exists && RecordKey.generationRefuses(message, PartitionIndex.generation(entry))) {
            return ResultCode.GENERATION_ERROR;
        }
        return ResultCode.OK;
    }

    private static boolean hasTouch(AsMessage message) {
        for (int i = 0, op = message.operationsAt; i < message.operationCount; i++, op = message.nextOperation(op)) {
            if (message.operationType(op) == OperationType.TOUCH) {
                return true;
            }
        }
        return false;
    }

    /** The record's current bins, or none for a new record or a replace (which keeps only the stored key). */
    private static void loadWorkingCopy(BinSet bins, AsMessage message, long record) {
        bins.clear();
        if (record == 0) {
            return;
        }
        bins.load(record);
        if ((message.info3 & (MessageFlags.INFO3_CREATE_OR_REPLACE | MessageFlags.INFO3_REPLACE_ONLY)) != 0) {
            bins.removeAll();
        }
    }

    /**
     * Sets the entry's new metadata and has the engine store the image; if the engine refuses (no room), puts the
     * entry back as it was, so a failed write changes nothing.
     */
    private static int store(WorkerState state, AsMessage message, Namespace namespace, PartitionIndex partition,
            long entry, int setId, int digestAt, long nowMs) {
        BinSet bins = state.bins;
        long imageBytes = bins.encodedBytes();
        if (imageBytes > namespace.config().maxRecordBytes()) {
            return ResultCode.RECORD_TOO_BIG;
        }
        boolean inserted = entry == 0;
        if (inserted) {
            ByteBuf buffer = message.buffer;
            entry = partition.insert(RecordKey.d0(buffer, digestAt), RecordKey.d1(buffer, digestAt),
                    RecordKey.d2(buffer, digestAt));
            PartitionIndex.setId(entry, setId);
        }
        int previous = inserted ? NamespaceStore.PREVIOUS_NONE
                : PartitionIndex.tombstone(entry) ? NamespaceStore.PREVIOUS_TOMBSTONE : NamespaceStore.PREVIOUS_RECORD;
        int oldGeneration = PartitionIndex.generation(entry);
        long oldVoidTime = PartitionIndex.voidTime(entry);
        long oldLastUpdateMs = PartitionIndex.lastUpdateMs(entry);
        int oldFlags = PartitionIndex.flags(entry);
        int generation = inserted ? 1 : nextGeneration(oldGeneration);
        long voidTime = voidTime(message.recordTtl, previous == NamespaceStore.PREVIOUS_RECORD, oldVoidTime,
                namespace.defaultTtlSeconds(setId), VoidTime.nowSeconds(nowMs));
        PartitionIndex.generation(entry, generation);
        PartitionIndex.voidTime(entry, voidTime);
        PartitionIndex.lastUpdateMs(entry, inserted ? nowMs : NamespaceStore.nextLastUpdateMs(entry, nowMs));
        int result = namespace.store().write(entry, previous, bins, (int) imageBytes, state.ticket);
        if (result != ResultCode.OK) {
            if (inserted) {
                partition.remove(entry);
            } else {
                PartitionIndex.generation(entry, oldGeneration);
                PartitionIndex.voidTime(entry, oldVoidTime);
                PartitionIndex.lastUpdateMs(entry, oldLastUpdateMs);
                PartitionIndex.flags(entry, oldFlags);
            }
            return result;
        }
        Replication.write(state, message, namespace, entry, bins, (int) imageBytes, nowMs);
        state.replyGeneration = generation;
        state.replyVoidTime = voidTime;
        return ResultCode.OK;
    }

    /** The original's 16-bit generation: 1 after 65535, never 0. */
    static int nextGeneration(int generation) {
        return generation >= 0xFFFF ? 1 : generation + 1;
    }

    /**
     * The new void time for a write's TTL: 0 = the set's or namespace's default, -1 = never, -2 = keep the record's
     * (the default for a new record), otherwise now + TTL.
     */
    static long voidTime(int ttl, boolean existed, long oldVoidTime, long defaultTtlSeconds, long nowSeconds) {
        long seconds;
        if (ttl == VoidTime.TTL_NEVER_EXPIRE) {
            return VoidTime.NEVER;
        } else if (ttl == VoidTime.TTL_DONT_UPDATE) {
            if (existed) {
                return oldVoidTime;
            }
            seconds = defaultTtlSeconds;
        } else if (ttl == VoidTime.TTL_USE_DEFAULT) {
            seconds = defaultTtlSeconds;
        } else {
            seconds = ttl;
        }
        return seconds == 0 ? VoidTime.NEVER : nowSeconds + seconds;
    }

    private static void writeReply(WorkerState state, ByteBuf out, int result, int generation, long voidTime,
            int batchIndex) {
        if (result != ResultCode.OK) {
            // Failures report the existing record's metadata where there is one (e.g. KEY_EXISTS), as the original.
            ReplyWriter.header(out, 0, 0, result, generation, voidTime, batchIndex, 0, 0);
            return;
        }
        BinSet results = state.results;
        ReplyWriter.header(out, 0, 0, result, generation, voidTime, batchIndex, 0, results.count());
        for (int i = 0; i < results.count(); i++) {
            ReplyWriter.workingBin(out, results, i, OperationType.READ);
        }
    }
}
