package io.terndb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.protocol.PartitionId;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import io.terndb.server.txn.TransactionService;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Duplicate resolution: while a partition's copies from a split brain are being merged, the node that serves it
 * asks every other holder for its version of a record before it acts on the record, and keeps the newest (by the
 * namespace's conflict-resolution policy). Writes always resolve; reads when the client or the namespace asks for
 * it ({@code read-consistency-level}). A holder that does not answer by the deadline ends the request in TIMEOUT.
 */
public final class Duplicates implements TransactionService.DuplicateResolver {

    private final class Resolution {
        final Namespace namespace;
        final int pid;
        final long deadlineMs;
        final Runnable resolved;
        final Runnable failed;
        int waiting;
        boolean ended;

        Resolution(Namespace namespace, int pid, long deadlineMs, int waiting, Runnable resolved, Runnable failed) {
            this.namespace = namespace;
            this.pid = pid;
            this.deadlineMs = deadlineMs;
            this.waiting = waiting;
            this.resolved = resolved;
            this.failed = failed;
        }
    }

    private final DataTransport fabric;
    private final Namespaces namespaces;
    private final InstantSource clock;
    private final Map<Long, Resolution> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    public final LongAdder resolutions = new LongAdder();

    public Duplicates(DataTransport fabric, Namespaces namespaces, InstantSource clock) {
        this.fabric = fabric;
        this.namespaces = namespaces;
        this.clock = clock;
    }

    @Override
    public void resolve(Namespace namespace, int pid, long clusterKey, long[] holders, ByteBuf digest,
            int digestAt, long deadlineMs, Runnable resolved, Runnable failed) {
        resolutions.increment();
        Resolution resolution = new Resolution(namespace, pid, deadlineMs, holders.length, resolved, failed);
        for (long holder : holders) {
            long id = nextId.getAndIncrement();
            pending.put(id, resolution);
            ByteBuf frame = fabric.allocate(96);
            int start = Frames.begin(frame, FabricLayout.DUPLICATE_REQUEST);
            frame.writeLongLE(clusterKey).writeLongLE(id);
            Frames.writeNamespace(frame, namespace.name());
            frame.writeShortLE(pid);
            frame.writeBytes(digest, digestAt, io.terndb.cluster.data.RecordLayout.DIGEST_BYTES);
            if (!fabric.send(holder, Frames.end(frame, start))) {
                pending.remove(id);
                end(resolution, false);
            }
        }
    }

    /** A DUPLICATE_REQUEST: this node's version of the record, or NOT_FOUND. */
    public void answer(long from, ByteBuf body) {
        body.skipBytes(Long.BYTES); // the asker's cluster key: any version this node holds is worth a look
        long id = body.readLongLE();
        Namespace namespace = namespaces.find(Frames.readNamespace(body));
        int pid = body.readUnsignedShortLE();
        byte[] digest = new byte[io.terndb.cluster.data.RecordLayout.DIGEST_BYTES];
        body.readBytes(digest);
        ByteBuf frame = fabric.allocate(1024);
        int start = Frames.begin(frame, FabricLayout.DUPLICATE_REPLY);
        frame.writeLongLE(id);
        int resultAt = frame.writerIndex();
        frame.writeByte(FabricLayout.RESULT_NOT_FOUND);
        if (namespace != null && pid < PartitionId.COUNT) {
            PartitionData data = namespace.partitions().data();
            int[] count = new int[1];
            data.lock(pid);
            try {
                data.copyRecords(pid, digest, 0, frame, 1, count);
            } finally {
                data.unlock(pid);
            }
            if (count[0] == 1) {
                frame.setByte(resultAt, FabricLayout.RESULT_OK);
            }
        }
        fabric.send(from, Frames.end(frame, start));
    }

    /** A DUPLICATE_REPLY: a newer version is stored here before the transaction goes on. */
    public void replied(ByteBuf body) {
        long id = body.readLongLE();
        int result = body.readUnsignedByte();
        Resolution resolution = pending.remove(id);
        if (resolution == null) {
            return; // too late: the request already ended
        }
        if (result == FabricLayout.RESULT_OK) {
            NamespacePartitions partitions = resolution.namespace.partitions();
            PartitionData data = partitions.data();
            data.lock(resolution.pid);
            try {
                data.apply(resolution.pid, body, 1, partitions.namespace().conflictResolution(), durable -> { });
            } finally {
                data.unlock(resolution.pid);
            }
        } else if (result != FabricLayout.RESULT_NOT_FOUND) {
            throw new FabricFormatException("duplicate reply result " + result);
        }
        synchronized (resolution) {
            if (--resolution.waiting > 0) {
                return;
            }
        }
        end(resolution, true);
    }

    private void end(Resolution resolution, boolean ok) {
        synchronized (resolution) {
            if (resolution.ended) {
                return;
            }
            resolution.ended = true;
        }
        (ok ? resolution.resolved : resolution.failed).run();
    }

    /** Ends resolutions past their deadline. */
    public void expire() {
        long nowMs = clock.millis();
        for (Map.Entry<Long, Resolution> entry : pending.entrySet()) {
            if (nowMs >= entry.getValue().deadlineMs && pending.remove(entry.getKey()) != null) {
                end(entry.getValue(), false);
            }
        }
    }
}
