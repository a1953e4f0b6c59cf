package io.terndb.kvcache.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for a store's periodic work (usage counts, orphan sweeps). A task that fails is retried at
 * its next period; tasks never overlap, so a slow scan delays the next one instead of piling up.
 */
public final class Upkeep implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> Thread
            .ofPlatform().daemon().name("tern-kvcache-upkeep").unstarted(task));

    public void every(long periodMs, Runnable task) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the server may be away for a while; the next period tries again
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
