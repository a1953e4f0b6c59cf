package io.terndb.tools.bench;

/**
 * One server under test, reached through its own official client. Keys are indexes in {@code [0, keys)};
 * every update writes the run's fixed value. Implementations are safe for use by all benchmark threads.
 * Failures are thrown as the client's runtime exceptions and counted as errors.
 */
public interface PeerTarget extends AutoCloseable {
    /** Writes the run's value under {@code key}, creating or replacing it. */
    void update(int key);

    /** Reads {@code key}; returns false if it does not exist. */
    boolean read(int key);

    @Override
    void close();
}
