package io.terndb.cluster.migration;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.data.PartitionData;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.partition.NamespacePartitions;
import io.terndb.cluster.partition.PartitionState;

/**
 * Sends this node's copy of one partition to one target: START, batches of records (at most {@link #WINDOW}
 * unacknowledged), DONE. Each batch is read and queued under the partition's lock, so a replica write of the same
 * partition is queued either before or after it, never between its read and its send. An acting master hands the
 * partition over under the lock just before queuing DONE. Non-blocking: {@link #step} does what it can and returns;
 * acknowledgements arrive on other threads and wake whoever waits on this object.
 */
final class Emigration {

    static final int WINDOW = 4;
    static final int BATCH_BYTES = 64 * 1024;

    enum Stage { NEW, STARTING, SENDING, FINISHING, COMPLETE, ABORTED }

    private final MigrationTask task;
    private final NamespacePartitions partitions;
    private final MigrationManager manager;
    private long migrationId;
    private Stage stage = Stage.NEW;
    private long lastSendMs;
    private long lastProgressMs;
    private byte[] digests;
    private int cursor;
    private int nextSequence;
    private int inFlight;
    /** After a refused send (the peer's queue is full), when to try again. */
    private long retryAtMs;
    private final int[] count = new int[1];
    /** The migrate thread running this emigration, woken by acknowledgements; null in a simulator. */
    private volatile Waker waker;

    Emigration(MigrationTask task, NamespacePartitions partitions, MigrationManager manager, long migrationId) {
        this.task = task;
        this.partitions = partitions;
        this.manager = manager;
        this.migrationId = migrationId;
    }

    MigrationTask task() {
        return task;
    }

    void wakes(Waker thread) {
        waker = thread;
    }

    /** Tells whoever waits that this emigration can go on. */
    private void wake() {
        notifyAll();
        Waker thread = waker;
        if (thread != null) {
            thread.signal();
        }
    }

    synchronized long migrationId() {
        return migrationId;
    }

    synchronized Stage stage() {
        return stage;
    }

    synchronized boolean finished() {
        return stage == Stage.COMPLETE || stage == Stage.ABORTED;
    }

    /** Does all the work possible now. Returns true if it made progress (sent something or finished). */
    synchronized boolean step(long nowMs) {
        return switch (stage) {
            case NEW -> sendStart(nowMs);
            case STARTING -> nowMs - lastSendMs >= manager.retransmitMs() && sendStart(nowMs);
            case SENDING -> sendBatches(nowMs);
            case FINISHING -> nowMs - lastSendMs >= manager.stallMs() && sendDone(nowMs);
            case COMPLETE, ABORTED -> false;
        };
    }

    private boolean sendStart(long nowMs) {
        ByteBuf frame = manager.transport().allocate(64);
        int start = Frames.begin(frame, FabricLayout.MIGRATE_START);
        frame.writeLongLE(task.clusterKey()).writeLongLE(migrationId);
        Frames.writeNamespace(frame, task.namespace());
        frame.writeShortLE(task.pid()).writeByte(task.actingMaster() ? FabricLayout.MIGRATE_FLAG_ACTING_MASTER : 0);
        Frames.end(frame, start);
        lastSendMs = nowMs;
        lastProgressMs = lastProgressMs == 0 ? nowMs : lastProgressMs;
        stage = Stage.STARTING;
        return manager.transport().send(task.target(), frame);
    }

    private boolean sendBatches(long nowMs) {
        boolean progressed = false;
        while (inFlight < WINDOW && cursor < digests.length / 20 && nowMs >= retryAtMs) {
            if (!sendBatch()) {
                retryAtMs = nowMs + 1;
                return progressed;
            }
            lastSendMs = nowMs;
            progressed = true;
        }
        if (cursor == digests.length / 20 && inFlight == 0) {
            return finish(nowMs);
        }
        if (nowMs - lastProgressMs > manager.stallMs()) {
            restart(nowMs);
            return true;
        }
        return progressed;
    }

    /** Reads one batch and queues it, both under the partition's lock. False if nothing could be sent. */
    private boolean sendBatch() {
        PartitionData data = partitions.data();
        ByteBuf frame = manager.transport().allocate(BATCH_BYTES + 1024);
        data.lock(task.pid());
        try {
            if (!stillCurrent()) {
                frame.release();
                abort();
                return false;
            }
            int start = Frames.begin(frame, FabricLayout.MIGRATE_RECORDS);
            frame.writeLongLE(migrationId).writeIntLE(nextSequence);
            int countAt = frame.writerIndex();
            frame.writeShortLE(0);
            int next = data.copyRecords(task.pid(), digests, cursor, frame, BATCH_BYTES, count);
            frame.setShortLE(countAt, count[0]);
            Frames.end(frame, start);
            if (!manager.transport().send(task.target(), frame)) {
                return false; // backpressure: the same records are read again on the next step
            }
            cursor = next;
            nextSequence++;
            inFlight++;
            partitions.recordsTransmitted.addAndGet(count[0]);
            return true;
        } finally {
            data.unlock(task.pid());
        }
    }

    private boolean stillCurrent() {
        PartitionState state = partitions.state(task.pid());
        return state.clusterKey() == task.clusterKey() && state.ready();
    }

    private boolean finish(long nowMs) {
        PartitionData data = partitions.data();
        data.lock(task.pid());
        try {
            if (!stillCurrent()) {
                abort();
                return true;
            }
            if (task.actingMaster()) {
                manager.handOff(partitions, task);
            }
            stage = Stage.FINISHING;
            return sendDone(nowMs);
        } finally {
            data.unlock(task.pid());
        }
    }

    private boolean sendDone(long nowMs) {
        ByteBuf frame = manager.transport().allocate(16);
        int start = Frames.begin(frame, FabricLayout.MIGRATE_DONE);
        frame.writeLongLE(migrationId);
        Frames.end(frame, start);
        lastSendMs = nowMs;
        manager.transport().send(task.target(), frame);
        return true;
    }

    /** The target lost track (its connection broke, or it restarted its state): start over with a new id. */
    private void restart(long nowMs) {
        migrationId = manager.newMigrationId(this);
        stage = Stage.NEW;
        digests = null;
        cursor = 0;
        nextSequence = 0;
        inFlight = 0;
        lastProgressMs = nowMs;
    }

    synchronized void startAcknowledged(int result, long nowMs) {
        if (stage != Stage.STARTING) {
            return;
        }
        lastProgressMs = nowMs;
        switch (result) {
            case FabricLayout.RESULT_OK -> {
                PartitionData data = partitions.data();
                data.lock(task.pid());
                try {
                    digests = data.digests(task.pid());
                } finally {
                    data.unlock(task.pid());
                }
                stage = Stage.SENDING;
            }
            case FabricLayout.RESULT_RETRY -> { } // the target has not rebalanced yet: START again after a while
            case FabricLayout.RESULT_ALREADY_DONE -> complete();
            default -> abort();
        }
        wake();
    }

    synchronized void batchAcknowledged(long nowMs) {
        if (stage == Stage.SENDING && inFlight > 0) {
            inFlight--;
            lastProgressMs = nowMs;
            wake();
        }
    }

    synchronized void doneAcknowledged(int result) {
        if (stage != Stage.FINISHING) {
            return;
        }
        if (result == FabricLayout.RESULT_OK || result == FabricLayout.RESULT_ALREADY_DONE) {
            complete();
        } else {
            abort();
        }
        wake();
    }

    private void complete() {
        stage = Stage.COMPLETE;
        manager.emigrationComplete(partitions, task);
    }

    synchronized void abort() {
        if (!finished()) {
            stage = Stage.ABORTED;
            wake();
        }
    }

    /** Milliseconds until {@link #step} has something to do again on its own (a retransmit), for a waiting thread. */
    synchronized long idleMs(long nowMs) {
        long due = switch (stage) {
            case NEW -> 0;
            case STARTING -> lastSendMs + manager.retransmitMs() - nowMs;
            // With batches left and room in the window, only a refused send holds it back; otherwise an
            // acknowledgement wakes it (or the stall timeout, if none comes).
            case SENDING -> inFlight < WINDOW && digests != null && cursor < digests.length / 20
                    ? retryAtMs - nowMs : lastProgressMs + manager.stallMs() - nowMs;
            case FINISHING -> lastSendMs + manager.stallMs() - nowMs;
            case COMPLETE, ABORTED -> Long.MAX_VALUE;
        };
        return Math.max(0, due);
    }
}
