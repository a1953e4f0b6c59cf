package io.terndb.tools.bench.client;

import java.util.concurrent.CompletableFuture;

/**
 * One client library under test. Keys are indexes into keys built before the run (so digests are not timed);
 * every update writes the run's bin values. Sync methods are safe for all benchmark threads; async methods may
 * be called from the driver's own callback threads.
 */
public interface ClientDriver extends AutoCloseable {

    /** Writes every bin under key {@code index}. */
    void put(int index);

    /** Reads key {@code index}; returns false if the record does not exist. */
    boolean get(int index);

    CompletableFuture<Void> putAsync(int index);

    /** Completes with false if the record does not exist. */
    CompletableFuture<Boolean> getAsync(int index);

    /** Library and version, for the report. */
    String description();

    @Override
    void close();
}
