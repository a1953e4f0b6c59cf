package io.terndb.server.txn;

/**
 * Keeps one connection's requests in order when a request is answered off the event loop (device I/O, scans):
 * while held, the connection's decoder leaves further requests buffered; {@link #release()} (from any thread) lets
 * it go on, on its event loop, with whatever arrived meanwhile.
 */
public interface ConnectionGate {

    /** Event loop only. */
    void hold();

    /** Any thread: the connection goes on later, on its event loop. */
    void release();

    /**
     * As {@link #release()}, but at once: only from a task running on the connection's event loop, never from
     * within the decoding of a request.
     */
    void releaseNow();
}
