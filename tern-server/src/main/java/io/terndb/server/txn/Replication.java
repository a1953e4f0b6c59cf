package io.terndb.server.txn;

import io.terndb.cluster.partition.PartitionState;
import io.terndb.cluster.replication.ReplicaWrites;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;
import io.terndb.server.cluster.ReplicaRecords;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.index.PartitionIndex;
import io.terndb.storage.record.BinSet;

/**
 * The replica-write hook of the write path: once the master has applied a write (or a delete) under the partition's
 * lock, the stored version is sent, still under the lock, to every other replica of the partition. The transaction's
 * answer then waits for them unless the commit level is "master".
 */
final class Replication {

    /** Replicas have this long to acknowledge a write that carries no timeout of its own. */
    static final long DEADLINE_MS_DEFAULT = 5_000;

    private Replication() {
    }

    /** Replicates the entry's new image (the encoded {@code bins}, {@code imageBytes} long). Lock held. */
    static void write(WorkerState state, AsMessage message, Namespace namespace, long entry, BinSet bins,
            int imageBytes, long nowMs) {
        long[] targets = targets(state.partitionState, namespace);
        if (targets.length == 0) {
            return;
        }
        long image = state.replicaImage.ensure(imageBytes);
        bins.encode(image, imageBytes);
        byte[] setName = namespace.store().sets().nameBytes(PartitionIndex.setId(entry));
        send(state, message, namespace, targets, out -> ReplicaRecords.write(out, entry, setName, image,
                imageBytes, false), imageBytes + 64, nowMs);
    }

    /** Replicates the delete whose version is stamped on the entry. Lock held. */
    static void delete(WorkerState state, AsMessage message, Namespace namespace, long entry, long nowMs) {
        long[] targets = targets(state.partitionState, namespace);
        if (targets.length == 0) {
            return;
        }
        byte[] setName = namespace.store().sets().nameBytes(PartitionIndex.setId(entry));
        send(state, message, namespace, targets, out -> ReplicaRecords.write(out, entry, setName, 0, 0, true), 64,
                nowMs);
    }

    private static long[] targets(PartitionState partition, Namespace namespace) {
        long[] replicas = partition.replicas();
        if (replicas.length < 2) {
            return replicas.length == 1 && replicas[0] != namespace.partitions().self() ? replicas : NO_TARGETS;
        }
        long self = namespace.partitions().self();
        int others = 0;
        for (long replica : replicas) {
            others += replica != self ? 1 : 0;
        }
        long[] targets = new long[others];
        int at = 0;
        for (long replica : replicas) {
            if (replica != self) {
                targets[at++] = replica;
            }
        }
        return targets;
    }

    private static final long[] NO_TARGETS = new long[0];

    private static void send(WorkerState state, AsMessage message, Namespace namespace, long[] targets,
            ReplicaWrites.RecordWriter record, int recordBytes, long nowMs) {
        long timeoutMs = message.transactionTtl > 0 ? message.transactionTtl : DEADLINE_MS_DEFAULT;
        ReplicationWait wait = new ReplicationWait(namespace);
        PartitionState partition = state.partitionState;
        namespace.replicaWrites().replicate(partition.clusterKey(), namespace.name(), partition.pid(), targets,
                record, recordBytes, nowMs, nowMs + timeoutMs, wait);
        if (waitsForReplicas(message, namespace)) {
            state.replication = wait;
        }
    }

    /** Whether the answer waits for the replicas: the namespace's override, else the client's commit level. */
    static boolean waitsForReplicas(AsMessage message, Namespace namespace) {
        return switch (namespace.config().distribution().writeCommitLevel()) {
            case ALL -> true;
            case MASTER -> false;
            case CLIENT -> (message.info3 & MessageFlags.INFO3_COMMIT_MASTER) == 0;
        };
    }

    /** How one write's replication ended, for whoever waits: an answer on an event loop, or a batch worker. */
    static final class ReplicationWait implements ReplicaWrites.Completion {
        private final Namespace namespace;
        private int result = -1;
        private java.util.function.IntConsumer listener;

        ReplicationWait(Namespace namespace) {
            this.namespace = namespace;
        }

        @Override
        public void done(int resultCode) {
            java.util.function.IntConsumer notify;
            synchronized (this) {
                result = resultCode;
                notify = listener;
                notifyAll();
            }
            if (resultCode != ResultCode.OK) {
                namespace.replicaWritesTimedOut.increment();
            }
            if (notify != null) {
                notify.accept(resultCode);
            }
        }

        /** Calls {@code listener} with the result once known (now, if it already is). */
        void whenDone(java.util.function.IntConsumer onResult) {
            int known;
            synchronized (this) {
                if (result < 0) {
                    listener = onResult;
                    return;
                }
                known = result;
            }
            onResult.accept(known);
        }

        /** Blocks until the replicas answered; for batch workers. */
        synchronized int await() throws InterruptedException {
            while (result < 0) {
                wait();
            }
            return result;
        }
    }
}
