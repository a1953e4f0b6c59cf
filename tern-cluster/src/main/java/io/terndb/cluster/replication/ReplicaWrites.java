package io.terndb.cluster.replication;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.ClusterView;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.protocol.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The master's side of synchronous replication: every write it applies is sent, as the record it stored, to each
 * other replica of the partition, and its client is answered once every one of them has acknowledged it (or has
 * left the view, since a departed node is no replica any more). A replica that has not yet rebalanced to the write's
 * view asks for a resend; one that has moved past it refuses, and the write ends in doubt (TIMEOUT). Unacknowledged
 * copies are sent again every {@code retransmitMs}. Thread-safe: writes begin on transaction threads, acks arrive on
 * fabric threads, {@link #tick} runs on the cluster's agent.
 */
public final class ReplicaWrites {

    /** Writes one record, in {@code RecordLayout} form, into a replica-write frame. */
    @FunctionalInterface
    public interface RecordWriter {
        void write(ByteBuf out);
    }

    /** Told once how the replication of one write ended: {@code ResultCode.OK} or {@code ResultCode.TIMEOUT}. */
    @FunctionalInterface
    public interface Completion {
        void done(int resultCode);
    }

    private final class Pending {
        final long id;
        final ByteBuf frame;
        final long deadlineMs;
        final Completion completion;
        final List<Long> waiting = new ArrayList<>();
        long lastSendMs;
        boolean resendSoon;
        boolean ended;

        Pending(long id, ByteBuf frame, long deadlineMs, Completion completion) {
            this.id = id;
            this.frame = frame;
            this.deadlineMs = deadlineMs;
            this.completion = completion;
        }

        /** Ends the write once; releases its frame. Call with this object's monitor held. */
        void end(int resultCode) {
            if (ended) {
                return;
            }
            ended = true;
            pending.remove(id);
            frame.release();
            completion.done(resultCode);
        }
    }

    private final DataTransport transport;
    private final long retransmitMs;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    public final AtomicLong retransmits = new AtomicLong();

    public ReplicaWrites(DataTransport transport, long retransmitMs) {
        this.transport = transport;
        this.retransmitMs = retransmitMs;
    }

    /**
     * Sends the record {@code record} writes to every target and calls {@code completion} once all have it. Call
     * under the partition's lock, so the copies are queued in the order the writes were applied.
     *
     * @param recordBytes about how many bytes the record takes (to size the frame)
     */
    public void replicate(long clusterKey, String namespace, int pid, long[] targets, RecordWriter record,
            int recordBytes, long nowMs, long deadlineMs, Completion completion) {
        long id = nextId.getAndIncrement();
        ByteBuf frame = transport.allocate(recordBytes + 64);
        int start = Frames.begin(frame, FabricLayout.REPLICA_WRITE);
        frame.writeLongLE(clusterKey).writeLongLE(id);
        Frames.writeNamespace(frame, namespace);
        frame.writeShortLE(pid);
        record.write(frame);
        Frames.end(frame, start);
        Pending write = new Pending(id, frame, deadlineMs, completion);
        synchronized (write) {
            for (long target : targets) {
                write.waiting.add(target);
            }
            write.lastSendMs = nowMs;
            pending.put(id, write);
            for (long target : targets) {
                transport.send(target, frame.retainedDuplicate());
            }
        }
    }

    /** A REPLICA_ACK ({@code body} after the type byte). */
    public void acknowledged(long from, ByteBuf body) {
        long id = body.readLongLE();
        int result = body.readUnsignedByte();
        Pending write = pending.get(id);
        if (write == null) {
            return;
        }
        synchronized (write) {
            switch (result) {
                case FabricLayout.RESULT_OK -> {
                    write.waiting.remove(from);
                    if (write.waiting.isEmpty()) {
                        write.end(ResultCode.OK);
                    }
                }
                case FabricLayout.RESULT_RETRY -> write.resendSoon = true;
                default -> write.end(ResultCode.TIMEOUT);
            }
        }
    }

    /** Resends what is unacknowledged and ends writes past their deadline. */
    public void tick(long nowMs) {
        for (Pending write : pending.values()) {
            synchronized (write) {
                if (write.ended) {
                    continue;
                }
                if (nowMs >= write.deadlineMs) {
                    write.end(ResultCode.TIMEOUT);
                } else if (write.resendSoon || nowMs - write.lastSendMs >= retransmitMs) {
                    write.resendSoon = false;
                    write.lastSendMs = nowMs;
                    for (long target : write.waiting) {
                        retransmits.incrementAndGet();
                        transport.send(target, write.frame.retainedDuplicate());
                    }
                }
            }
        }
    }

    /** Replicas that left the view no longer hold anything back. */
    public void viewChanged(ClusterView view) {
        for (Pending write : pending.values()) {
            synchronized (write) {
                write.waiting.removeIf(target -> !view.contains(target));
                if (write.waiting.isEmpty()) {
                    write.end(ResultCode.OK);
                }
            }
        }
    }

    public int inFlight() {
        return pending.size();
    }

    /** Ends every write in doubt (shutdown). */
    public void close() {
        for (Pending write : pending.values()) {
            synchronized (write) {
                write.end(ResultCode.TIMEOUT);
            }
        }
    }
}
