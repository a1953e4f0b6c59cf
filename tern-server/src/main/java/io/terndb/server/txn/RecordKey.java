package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.PartitionId;
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

    static boolean expired(long voidTime, long nowSeconds) {
        return voidTime != 0 && voidTime <= nowSeconds;
    }
}
