package io.terndb.server.txn;

import io.netty.util.concurrent.FastThreadLocal;
import io.terndb.storage.DurabilityTicket;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.RecordBuffer;
import io.terndb.storage.record.BinSet;

/**
 * Scratch state of one thread that runs transactions (an event loop or a scan worker), reused for every request so
 * the data path allocates nothing once warm. Never shared between threads.
 */
public final class WorkerState {

    private static final FastThreadLocal<WorkerState> CURRENT = new FastThreadLocal<>() {
        @Override
        protected WorkerState initialValue() {
            return new WorkerState();
        }
    };

    final AsMessage message = new AsMessage();
    final AsMessage row = new AsMessage();
    /** The record being rebuilt by a write. */
    final BinSet bins = new BinSet();
    /** Operation results of a write, in op order (names may repeat). */
    final BinSet results = new BinSet();
    final byte[] name = new byte[256];
    /** Where device reads land. */
    final RecordBuffer readBuffer = new RecordBuffer();
    /** The device writes this thread made that must be durable before it answers. */
    final DurabilityTicket ticket = new DurabilityTicket();
    /** Generation and void time a write reports, set under the partition lock. */
    int replyGeneration;
    long replyVoidTime;
    byte[] key = new byte[256];
    /**
     * False on an event loop: there a transaction that needs a device read stops before it changes anything, sets
     * {@link #wouldBlock}, and is run again on a worker thread.
     */
    boolean mayBlock;
    boolean wouldBlock;
    /** How the current transaction goes on when it stopped before answering ({@link Routing}). */
    int route;
    long proxyTarget;
    /** Set while a transaction runs again after its record's duplicates were resolved. */
    boolean duplicatesResolved;
    /** The state of the partition the current transaction serves (set by {@link Routing#serveHere}). */
    io.terndb.cluster.partition.PartitionState partitionState;
    /** Set by a write whose answer waits for its replicas. */
    Replication.ReplicationWait replication;
    /** Where a write's image is encoded for its replica writes. */
    final RecordBuffer replicaImage = new RecordBuffer();
    /** List and map operations' state. */
    final io.terndb.server.cdt.CdtOperations cdt = new io.terndb.server.cdt.CdtOperations();
    /** A CDT op's program, copied out of the request (programs are small; the copy keeps one reader type). */
    private byte[] programBytes = new byte[256];
    private java.lang.foreign.MemorySegment programSegment = java.lang.foreign.MemorySegment.ofArray(programBytes);
    /** {@link #bins}' value array as a segment, rewrapped only when the array grows. */
    private byte[] wrappedValues;
    private java.lang.foreign.MemorySegment valuesSegment;
    /** Stores whose flushers this event loop wakes once its current round of requests is done. */
    private final java.util.ArrayList<NamespaceStore> flushersToWake = new java.util.ArrayList<>(2);
    private final Runnable wakeFlushers = this::wakeFlushers;

    public static WorkerState current() {
        return CURRENT.get();
    }

    /** The entry's record image, or {@link NamespaceStore#NOT_BUFFERED} if it needs a read this thread may not do. */
    long open(NamespaceStore store, long entry) {
        return mayBlock ? store.open(entry, readBuffer) : store.openBuffered(entry, readBuffer);
    }

    /**
     * Wakes {@code store}'s flushers after the requests this event loop is handling now (a task runs after the
     * loop's current batch of reads), so one flush round carries all of the round's writes.
     */
    void wakeFlushersAfterThisRound(io.netty.util.concurrent.EventExecutor loop, NamespaceStore store) {
        if (flushersToWake.contains(store)) {
            return;
        }
        flushersToWake.add(store);
        if (flushersToWake.size() == 1) {
            try {
                loop.execute(wakeFlushers);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                wakeFlushers(); // the loop is shutting down: wake now rather than never
            }
        }
    }

    private void wakeFlushers() {
        for (NamespaceStore store : flushersToWake) {
            store.wakeFlushers();
        }
        flushersToWake.clear();
    }

    /** The value of {@code op} (a CDT program) as a segment starting at 0. */
    java.lang.foreign.MemorySegment program(AsMessage message, int op) {
        int length = message.valueLength(op);
        if (programBytes.length < length) {
            programBytes = new byte[Math.max(length, programBytes.length * 2)];
            programSegment = java.lang.foreign.MemorySegment.ofArray(programBytes);
        }
        message.buffer.getBytes(message.valueAt(op), programBytes, 0, length);
        return programSegment;
    }

    /** The working copy's values as a segment (offsets are {@link BinSet#valueOffset}). */
    java.lang.foreign.MemorySegment binValues() {
        byte[] values = bins.values();
        if (values != wrappedValues) {
            wrappedValues = values;
            valuesSegment = java.lang.foreign.MemorySegment.ofArray(values);
        }
        return valuesSegment;
    }

    byte[] keyScratch(int length) {
        if (key.length < length) {
            key = new byte[Math.max(length, key.length * 2)];
        }
        return key;
    }
}
