package io.terndb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.data.RecordLayout;
import io.terndb.server.txn.ReplyWriter;
import io.terndb.storage.index.IndexEntryLayout;
import io.terndb.storage.index.PartitionIndex;

/**
 * Writes one stored record in the fabric's {@link RecordLayout}: the version on its index entry, its set name, and
 * its image copied from native memory.
 */
public final class ReplicaRecords {

    private ReplicaRecords() {
    }

    /**
     * Appends the record of {@code entry}: its image at {@code image} ({@code imageBytes} long), or none for a
     * tombstone.
     */
    public static void write(ByteBuf out, long entry, byte[] setName, long image, int imageBytes, boolean tombstone) {
        int setBytes = setName == null ? 0 : setName.length;
        out.writeByte(tombstone ? RecordLayout.FLAG_TOMBSTONE : 0);
        out.writeByte(setBytes);
        out.writeShortLE(PartitionIndex.generation(entry));
        out.writeIntLE((int) PartitionIndex.voidTime(entry));
        out.writeLongLE(PartitionIndex.lastUpdateMs(entry));
        ReplyWriter.copyFromNative(out, entry + IndexEntryLayout.DIGEST_OFFSET, IndexEntryLayout.DIGEST_BYTES);
        out.writeIntLE(tombstone ? 0 : imageBytes);
        if (setBytes > 0) {
            out.writeBytes(setName);
        }
        if (!tombstone) {
            ReplyWriter.copyFromNative(out, image, imageBytes);
        }
    }
}
