package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.PartitionId;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.NativeMemory;
import io.terndb.storage.record.RecordLayout;

/** Helpers over the digest and KEY field of a request. */
final class RecordKey {

    private RecordKey() {
    }

    static int partitionId(ByteBuf buffer, int digestAt) {
        return PartitionId.of(buffer.getByte(digestAt), buffer.getByte(digestAt + 1));
    }

    static long d0(ByteBuf buffer, int digestAt) {
        return buffer.getLongLE(digestAt);
    }

    static long d1(ByteBuf buffer, int digestAt) {
        return buffer.getLongLE(digestAt + 8);
    }

    static int d2(ByteBuf buffer, int digestAt) {
        return buffer.getIntLE(digestAt + 16);
    }

    /** Whether the request's KEY field differs from a key stored with the record (a stored key is kept for life). */
    static boolean mismatches(AsMessage message, long record) {
        if (message.keyAt == AsMessage.ABSENT) {
            return false;
        }
        int storedBytes = RecordLayout.keyBytes(record);
        if (storedBytes == 0) {
            return false;
        }
        if (storedBytes != message.keyLength) {
            return true;
        }
        long stored = RecordLayout.key(record);
        for (int i = 0; i < storedBytes; i++) {
            if (NativeMemory.ALL.get(NativeMemory.BYTE, stored + i) != message.buffer.getByte(message.keyAt + i)) {
                return true;
            }
        }
        return false;
    }

    static PartitionIndex partition(Namespace namespace, ByteBuf buffer, int digestAt) {
        return namespace.store().partition(partitionId(buffer, digestAt));
    }

    /** The index entry for the digest at {@code digestAt}, or 0; the partition lock must be held. */
    static long find(PartitionIndex partition, ByteBuf buffer, int digestAt) {
        return partition.find(d0(buffer, digestAt), d1(buffer, digestAt), d2(buffer, digestAt));
    }

    /** Whether the request's generation policy (equal, or greater-than for restores) refuses the stored record. */
    static boolean generationRefuses(AsMessage message, int storedGeneration) {
        if ((message.info2 & MessageFlags.INFO2_GENERATION) != 0 && message.generation != storedGeneration) {
            return true;
        }
        return (message.info2 & MessageFlags.INFO2_GENERATION_GT) != 0
                && Integer.toUnsignedLong(message.generation) <= storedGeneration;
    }
}
