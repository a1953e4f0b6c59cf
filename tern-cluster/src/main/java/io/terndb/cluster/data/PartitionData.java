package io.terndb.cluster.data;

import io.netty.buffer.ByteBuf;

/**
 * The records of one namespace as the distribution layer sees them: implemented by the server over its storage, and
 * by the simulator over maps. Records travel in {@link RecordLayout} form. Methods marked "lock held" require
 * {@link #lock} of the partition; the lock is the same one the transaction path takes, so it orders everything this
 * layer does on a partition with the node's own transactions.
 */
public interface PartitionData {

    /** Called by {@link #apply} when the records it applied are durable ({@code false}: the device failed). */
    @FunctionalInterface
    interface Durable {
        void done(boolean durable);
    }

    void lock(int pid);

    void unlock(int pid);

    /** Whether the partition holds any record or tombstone. Lock held. */
    boolean hasRecords(int pid);

    /** The digests of every record and tombstone of the partition now, 20 bytes each. Lock held. */
    byte[] digests(int pid);

    /**
     * Appends to {@code out}, in {@link RecordLayout} form, the records of {@code digests} from index {@code from},
     * until one would pass {@code bytesTarget} (at least one is appended if any remain); digests no longer present
     * are skipped. Returns the index after the last digest consumed. Lock held; may read a device.
     *
     * @param countOut receives how many records were appended
     */
    int copyRecords(int pid, byte[] digests, int from, ByteBuf out, int bytesTarget, int[] countOut);

    /**
     * Applies {@code count} records in {@link RecordLayout} form from {@code in}'s reader index, each only if it is
     * newer than the local version by {@code policy} (see {@code RecordVersion}); calls {@code durable} once all
     * are durable (possibly before returning). Returns how many replaced the local version. Lock held.
     *
     * @throws io.terndb.cluster.fabric.FabricFormatException when a record is malformed or not of partition
     *                                                        {@code pid} (the sender's connection is closed)
     */
    int apply(int pid, ByteBuf in, int count, io.terndb.protocol.RecordVersion policy, Durable durable);

    /** Removes every record and tombstone of the partition, taking the lock itself. */
    void drop(int pid);
}
