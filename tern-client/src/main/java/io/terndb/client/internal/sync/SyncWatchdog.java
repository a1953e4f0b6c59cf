package io.terndb.client.internal.sync;

import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import java.util.concurrent.TimeUnit;

/**
 * Enforces sync command deadlines: every {@value #TICK_MS} ms it closes the pooled connections whose command waits
 * past its deadline, which ends the blocked read with an exception the executor reports as a timeout. Deadlines
 * are thus exact to a tick; the reads themselves need no socket timeout (see
 * {@link io.terndb.client.internal.net.SyncConnection}).
 */
final class SyncWatchdog implements AutoCloseable {

    static final long TICK_MS = 5;

    private final Cluster cluster;
    private final Thread thread;
    private volatile boolean closed;

    SyncWatchdog(Cluster cluster) {
        this.cluster = cluster;
        this.thread = Thread.ofPlatform().daemon().name("tern-watchdog").start(this::run);
    }

    private void run() {
        while (!closed) {
            try {
                TimeUnit.MILLISECONDS.sleep(TICK_MS);
            } catch (InterruptedException e) {
                return;
            }
            long nowNs = System.nanoTime();
            for (Node node : cluster.nodes()) {
                node.pool().expireDue(nowNs);
            }
            for (Node node : cluster.retiredNodes()) {
                node.pool().expireDue(nowNs);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
