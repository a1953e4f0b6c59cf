package io.terndb.server.txn;

/**
 * Keeps one connection's requests in order when a request is answered off the event loop (device I/O, scans):
 * while held, the connection's decoder leaves further requests buffered; {@link #release()} (from any thread) lets
 * it go on, on its event loop, with whatever arrived meanwhile.
 */
public interface ConnectionGate {

    void hold();

    void release();
}
