package io.terndb.tools.bench.client;

/** The threads or async chains issuing operations, started and stopped by {@link BenchRun}. */
interface Load {

    void start();

    /** True once every issuer ran out of work (insert finished, or operation budget spent). */
    boolean isDone();

    /** Stops issuing and waits until every operation in flight has completed. */
    void stopAndAwait() throws InterruptedException;
}
