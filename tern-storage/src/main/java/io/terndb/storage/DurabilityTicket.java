package io.terndb.storage;

/**
 * What a thread's writes must wait for before they are acknowledged: for each device file, the byte count of that
 * file's write stream up to the last record this thread appended. Reused per thread; {@link #clear()} after waiting.
 */
public final class DurabilityTicket {

    private NamespaceStore store;
    private long[] files = new long[0];
    private boolean pending;
    private boolean deferWake;

    /** Notes that file {@code file} of {@code owner} must persist its stream up to {@code streamBytes}. */
    public void note(NamespaceStore owner, int file, long streamBytes) {
        if (store != owner && pending) {
            owner.awaitDurable(this); // one store at a time: settle the previous one first
        }
        store = owner;
        if (files.length <= file) {
            files = java.util.Arrays.copyOf(files, file + 1);
        }
        files[file] = Math.max(files[file], streamBytes);
        pending = true;
    }

    public boolean pending() {
        return pending;
    }

    /**
     * With true, the writes noted here do not wake their devices' flushers: the owner promises to call
     * {@link NamespaceStore#wakeFlushers()} soon (an event loop does, once per round of requests, so one flush
     * carries the round's writes). Stays set until changed.
     */
    public void deferWake(boolean defer) {
        deferWake = defer;
    }

    public boolean defersWake() {
        return deferWake;
    }

    /** The store of the noted writes; null when nothing is noted. */
    public NamespaceStore store() {
        return pending ? store : null;
    }

    public int fileCount() {
        return files.length;
    }

    public long streamBytes(int file) {
        return files[file];
    }

    /** Blocks until every noted write is durable. */
    public void await() {
        if (pending) {
            store.awaitDurable(this);
        }
    }

    /**
     * Calls {@code callback} once every noted write is durable (or its device failed), then or later and on any
     * thread, without blocking the caller; the ticket is clear and reusable on return.
     */
    public void whenDurable(DurableCallback callback) {
        if (pending) {
            store.whenDurable(this, callback);
            clear();
        } else {
            callback.done(true);
        }
    }

    void clear() {
        java.util.Arrays.fill(files, 0);
        pending = false;
    }
}
