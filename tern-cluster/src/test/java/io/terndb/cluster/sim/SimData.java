package io.terndb.cluster.sim;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.data.RecordLayout;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.RecordVersion;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A namespace's records as maps, for the simulator: key (a long, standing for the digest) to version and value.
 * Records travel in the real {@link RecordLayout}, so the simulator exercises the bytes as well. Single-threaded;
 * the lock only checks that every lock is released.
 */
final class SimData implements PartitionData {

    /** One stored version. {@code value} is what the client wrote (it names the write). */
    record Version(int generation, long lastUpdateMs, boolean tombstone, long value) {
    }

    @SuppressWarnings("unchecked")
    private final TreeMap<Long, Version>[] partitions = new TreeMap[PartitionId.COUNT];
    private final int[] held = new int[PartitionId.COUNT];
    private int heldTotal;

    SimData() {
        for (int pid = 0; pid < partitions.length; pid++) {
            partitions[pid] = new TreeMap<>();
        }
    }

    static int partitionOf(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 52);
    }

    Version get(long key) {
        return partitions[partitionOf(key)].get(key);
    }

    void put(long key, Version version) {
        partitions[partitionOf(key)].put(key, version);
    }

    Map<Long, Version> partition(int pid) {
        return partitions[pid];
    }

    boolean locked() {
        return heldTotal != 0;
    }

    @Override
    public void lock(int pid) {
        held[pid]++;
        heldTotal++;
    }

    @Override
    public void unlock(int pid) {
        heldTotal--;
        if (--held[pid] < 0) {
            throw new AssertionError("partition " + pid + " unlocked more often than locked");
        }
    }

    @Override
    public boolean hasRecords(int pid) {
        return !partitions[pid].isEmpty();
    }

    @Override
    public byte[] digests(int pid) {
        byte[] digests = new byte[partitions[pid].size() * RecordLayout.DIGEST_BYTES];
        int at = 0;
        for (long key : partitions[pid].keySet()) {
            for (int i = 0; i < 8; i++) {
                digests[at + i] = (byte) (key >>> (8 * i));
            }
            at += RecordLayout.DIGEST_BYTES;
        }
        return digests;
    }

    private static long keyAt(byte[] digests, int index) {
        long key = 0;
        for (int i = 0; i < 8; i++) {
            key |= (digests[index * RecordLayout.DIGEST_BYTES + i] & 0xFFL) << (8 * i);
        }
        return key;
    }

    @Override
    public int copyRecords(int pid, byte[] digests, int from, ByteBuf out, int bytesTarget, int[] countOut) {
        int count = 0;
        int start = out.writerIndex();
        int index = from;
        int total = digests.length / RecordLayout.DIGEST_BYTES;
        while (index < total && (count == 0 || out.writerIndex() - start < bytesTarget)) {
            long key = keyAt(digests, index++);
            Version version = partitions[pid].get(key);
            if (version != null) {
                write(out, key, version);
                count++;
            }
        }
        countOut[0] = count;
        return index;
    }

    static void write(ByteBuf out, long key, Version version) {
        out.writeByte(version.tombstone() ? RecordLayout.FLAG_TOMBSTONE : 0);
        out.writeByte(0); // no set name
        out.writeShortLE(version.generation());
        out.writeIntLE(0);
        out.writeLongLE(version.lastUpdateMs());
        out.writeLongLE(key);
        out.writeZero(RecordLayout.DIGEST_BYTES - 8);
        out.writeIntLE(version.tombstone() ? 0 : 8);
        if (!version.tombstone()) {
            out.writeLongLE(version.value());
        }
    }

    @Override
    public int apply(int pid, ByteBuf in, int count, RecordVersion policy, Durable durable) {
        int replaced = 0;
        for (int i = 0; i < count; i++) {
            int flags = in.readUnsignedByte();
            int setBytes = in.readUnsignedByte();
            int generation = in.readUnsignedShortLE();
            in.skipBytes(4);
            long lastUpdateMs = in.readLongLE();
            long key = in.readLongLE();
            in.skipBytes(RecordLayout.DIGEST_BYTES - 8);
            int imageBytes = in.readIntLE();
            if (imageBytes < 0 || imageBytes > in.readableBytes()) {
                throw new io.terndb.cluster.fabric.FabricFormatException("image of " + imageBytes + " bytes");
            }
            in.skipBytes(setBytes);
            long value = imageBytes == 8 ? in.readLongLE() : 0;
            in.skipBytes(imageBytes == 8 ? 0 : imageBytes);
            if (partitionOf(key) != pid) {
                throw new io.terndb.cluster.fabric.FabricFormatException("record of partition " + partitionOf(key)
                        + " sent for partition " + pid);
            }
            Version local = partitions[pid].get(key);
            if (local == null || policy.remoteWins(local.generation(), local.lastUpdateMs(), generation,
                    lastUpdateMs)) {
                partitions[pid].put(key, new Version(generation, lastUpdateMs,
                        (flags & RecordLayout.FLAG_TOMBSTONE) != 0, value));
                replaced++;
            }
        }
        durable.done(true);
        return replaced;
    }

    @Override
    public void drop(int pid) {
        partitions[pid].clear();
    }

    /** Every live record, for the final check. */
    Map<Long, Version> all() {
        Map<Long, Version> all = new HashMap<>();
        for (TreeMap<Long, Version> partition : partitions) {
            all.putAll(partition);
        }
        return all;
    }
}
