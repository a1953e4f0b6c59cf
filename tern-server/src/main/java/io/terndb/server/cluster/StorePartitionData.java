package io.terndb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.data.RecordLayout;
import io.terndb.protocol.RecordVersion;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.DurabilityTicket;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.index.PartitionIndex;
import java.nio.ByteOrder;
import java.time.InstantSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A namespace's storage as the distribution layer sees it: the partition lock is the storage's partition lock,
 * migrations read records in {@link RecordLayout} form, and replica writes and migrated records are applied when
 * they are newer, with the version the master stamped, then acknowledged once durable.
 */
public final class StorePartitionData implements PartitionData {

    private static final Logger log = LoggerFactory.getLogger(StorePartitionData.class);

    /** Per-thread scratch, reused: where images are staged and records read, and the thread's durability ticket. */
    private static final class Scratch {
        final RecordBuffer image = new RecordBuffer();
        final RecordBuffer read = new RecordBuffer();
        final DurabilityTicket ticket = new DurabilityTicket();
        byte[] setName = new byte[64];
    }

    private static final FastThreadLocal<Scratch> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private final Namespace namespace;
    private final NamespaceStore store;
    private final InstantSource clock;

    public StorePartitionData(Namespace namespace, InstantSource clock) {
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw new IllegalStateException("the fabric carries little-endian record images: big-endian machines "
                    + "are not supported");
        }
        this.namespace = namespace;
        this.store = namespace.store();
        this.clock = clock;
    }

    @Override
    public void lock(int pid) {
        store.partition(pid).lock().lock();
    }

    @Override
    public void unlock(int pid) {
        store.partition(pid).lock().unlock();
    }

    @Override
    public boolean hasRecords(int pid) {
        return store.partition(pid).size() > 0;
    }

    @Override
    public byte[] digests(int pid) {
        PartitionIndex partition = store.partition(pid);
        byte[] digests = new byte[partition.size() * RecordLayout.DIGEST_BYTES];
        int at = 0;
        for (int slot = 0; slot < partition.capacity() && at < digests.length; slot++) {
            long entry = partition.entryAt(slot);
            if (entry != 0) {
                PartitionIndex.copyDigest(entry, digests, at);
                at += RecordLayout.DIGEST_BYTES;
            }
        }
        return digests;
    }

    @Override
    public int copyRecords(int pid, byte[] digests, int from, ByteBuf out, int bytesTarget, int[] countOut) {
        Scratch scratch = SCRATCH.get();
        PartitionIndex partition = store.partition(pid);
        long nowSeconds = VoidTime.nowSeconds(clock.millis());
        int start = out.writerIndex();
        int count = 0;
        int index = from;
        int total = digests.length / RecordLayout.DIGEST_BYTES;
        while (index < total && (count == 0 || out.writerIndex() - start < bytesTarget)) {
            int at = index++ * RecordLayout.DIGEST_BYTES;
            long entry = partition.find(longLE(digests, at), longLE(digests, at + 8), intLE(digests, at + 16));
            if (entry != 0 && copyRecord(entry, nowSeconds, out, scratch)) {
                count++;
            }
        }
        countOut[0] = count;
        return index;
    }

    private boolean copyRecord(long entry, long nowSeconds, ByteBuf out, Scratch scratch) {
        byte[] setName = store.sets().nameBytes(PartitionIndex.setId(entry));
        if (PartitionIndex.tombstone(entry)) {
            ReplicaRecords.write(out, entry, setName, 0, 0, true);
            return true;
        }
        if (store.gone(entry, nowSeconds)) {
            return false; // expired or truncated: nothing to move
        }
        long record = store.open(entry, scratch.read);
        if (record == 0) {
            return false; // failed its checksum, logged by the engine: not spread to other nodes
        }
        ReplicaRecords.write(out, entry, setName, record, io.terndb.storage.record.RecordLayout.totalBytes(record),
                false);
        return true;
    }

    @Override
    public int apply(int pid, ByteBuf in, int count, RecordVersion policy, Durable durable) {
        Scratch scratch = SCRATCH.get();
        PartitionIndex partition = store.partition(pid);
        int replaced = 0;
        boolean failed = false;
        for (int i = 0; i < count; i++) {
            int result = applyOne(pid, partition, in, policy, scratch);
            if (result == ResultCode.OK) {
                replaced++;
            } else if (result != ResultCode.KEY_EXISTS) {
                failed = true;
            }
        }
        if (failed) {
            scratch.ticket.whenDurable(ignored -> durable.done(false));
        } else {
            scratch.ticket.whenDurable(durable::done);
        }
        return replaced;
    }

    /** OK when applied, KEY_EXISTS when the local version is as new or newer, else why it failed. */
    private int applyOne(int pid, PartitionIndex partition, ByteBuf in, RecordVersion policy, Scratch scratch) {
        if (in.readableBytes() < RecordLayout.HEADER_BYTES) {
            throw new io.terndb.cluster.fabric.FabricFormatException("truncated record");
        }
        int at = in.readerIndex();
        int flags = in.getUnsignedByte(at + RecordLayout.FLAGS_OFFSET);
        int setBytes = in.getUnsignedByte(at + RecordLayout.SET_NAME_BYTES_OFFSET);
        int generation = in.getUnsignedShortLE(at + RecordLayout.GENERATION_OFFSET);
        long voidTime = in.getUnsignedIntLE(at + RecordLayout.VOID_TIME_OFFSET);
        long lastUpdateMs = in.getLongLE(at + RecordLayout.LAST_UPDATE_MS_OFFSET);
        long d0 = in.getLongLE(at + RecordLayout.DIGEST_OFFSET);
        long d1 = in.getLongLE(at + RecordLayout.DIGEST_OFFSET + 8);
        int d2 = in.getIntLE(at + RecordLayout.DIGEST_OFFSET + 16);
        int imageBytes = in.getIntLE(at + RecordLayout.IMAGE_BYTES_OFFSET);
        boolean tombstone = (flags & RecordLayout.FLAG_TOMBSTONE) != 0;
        boolean sizeOk = tombstone ? imageBytes == 0
                : imageBytes >= io.terndb.storage.record.RecordLayout.HEADER_BYTES;
        if (!sizeOk || in.readableBytes() < RecordLayout.HEADER_BYTES + setBytes + (long) imageBytes) {
            throw new io.terndb.cluster.fabric.FabricFormatException("malformed record of " + imageBytes + " bytes");
        }
        if (io.terndb.protocol.PartitionId.of(in.getByte(at + RecordLayout.DIGEST_OFFSET),
                in.getByte(at + RecordLayout.DIGEST_OFFSET + 1)) != pid) {
            throw new io.terndb.cluster.fabric.FabricFormatException("a record of another partition");
        }
        in.skipBytes(RecordLayout.HEADER_BYTES);
        int setId = readSet(in, setBytes, scratch);
        long entry = partition.find(d0, d1, d2);
        if (entry != 0 && !policy.remoteWins(PartitionIndex.generation(entry), PartitionIndex.lastUpdateMs(entry),
                generation, lastUpdateMs)) {
            in.skipBytes(imageBytes);
            return ResultCode.KEY_EXISTS;
        }
        int previous = entry == 0 ? NamespaceStore.PREVIOUS_NONE
                : PartitionIndex.tombstone(entry) ? NamespaceStore.PREVIOUS_TOMBSTONE : NamespaceStore.PREVIOUS_RECORD;
        if (tombstone && previous == NamespaceStore.PREVIOUS_NONE && !store.blocking()) {
            return ResultCode.OK; // a delete of a record this memory namespace never had: nothing to keep
        }
        long image = tombstone ? 0 : stageImage(in, imageBytes, scratch);
        if (setId < 0) {
            return ResultCode.FAIL_FORBIDDEN;
        }
        return store(partition, entry, previous, d0, d1, d2, setId, generation, voidTime, lastUpdateMs, image,
                imageBytes, scratch);
    }

    private int store(PartitionIndex partition, long entry, int previous, long d0, long d1, int d2, int setId,
            int generation, long voidTime, long lastUpdateMs, long image, int imageBytes, Scratch scratch) {
        boolean inserted = entry == 0;
        if (inserted) {
            entry = partition.insert(d0, d1, d2);
        }
        int oldSetId = PartitionIndex.setId(entry);
        int oldGeneration = PartitionIndex.generation(entry);
        long oldVoidTime = PartitionIndex.voidTime(entry);
        long oldLastUpdateMs = PartitionIndex.lastUpdateMs(entry);
        int oldFlags = PartitionIndex.flags(entry);
        PartitionIndex.setId(entry, setId);
        PartitionIndex.generation(entry, generation);
        PartitionIndex.voidTime(entry, voidTime);
        PartitionIndex.lastUpdateMs(entry, lastUpdateMs);
        if (image == 0) {
            store.writeTombstone(partition, entry, previous, scratch.ticket);
            return ResultCode.OK;
        }
        int result = store.writeImage(entry, previous, image, imageBytes, scratch.ticket);
        if (result != ResultCode.OK) {
            if (inserted) {
                partition.remove(entry);
            } else {
                PartitionIndex.setId(entry, oldSetId);
                PartitionIndex.generation(entry, oldGeneration);
                PartitionIndex.voidTime(entry, oldVoidTime);
                PartitionIndex.lastUpdateMs(entry, oldLastUpdateMs);
                PartitionIndex.flags(entry, oldFlags);
            }
            log.warn("[{}] a replicated or migrated record could not be stored: result {}", namespace.name(), result);
        }
        return result;
    }

    private int readSet(ByteBuf in, int setBytes, Scratch scratch) {
        if (setBytes == 0) {
            return io.terndb.storage.SetRegistry.NO_SET;
        }
        if (scratch.setName.length < setBytes) {
            scratch.setName = new byte[Math.max(setBytes, scratch.setName.length * 2)];
        }
        in.readBytes(scratch.setName, 0, setBytes);
        return store.sets().findOrAdd(scratch.setName, 0, setBytes);
    }

    /**
     * The image's native address: in place when the frame is in native memory (the fabric's buffers are), else
     * copied into scratch memory. Valid until the frame is released; checked whole before anything reads it.
     */
    private static long stageImage(ByteBuf in, int imageBytes, Scratch scratch) {
        long address;
        if (in.hasMemoryAddress()) {
            address = in.memoryAddress() + in.readerIndex();
            in.skipBytes(imageBytes);
        } else {
            address = scratch.image.ensure(imageBytes);
            in.readBytes(io.terndb.storage.NativeMemory.ALL.asSlice(address, imageBytes).asByteBuffer());
        }
        if (!io.terndb.storage.record.RecordLayout.wellFormed(address, imageBytes)) {
            throw new io.terndb.cluster.fabric.FabricFormatException("malformed record image");
        }
        return address;
    }

    @Override
    public void drop(int pid) {
        PartitionIndex partition = store.partition(pid);
        partition.lock().lock();
        try {
            partition.sweep(entry -> {
                store.remove(partition, entry);
                return true;
            });
        } finally {
            partition.lock().unlock();
        }
    }

    private static long longLE(byte[] bytes, int at) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }

    private static int intLE(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16 | bytes[at + 3] << 24;
    }
}
