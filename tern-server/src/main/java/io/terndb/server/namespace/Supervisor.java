package io.terndb.server.namespace;

import io.terndb.protocol.VoidTime;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.device.DeviceNamespaceStore;
import io.terndb.storage.index.PartitionIndex;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The namespace supervisor ("nsup"): every {@code nsup-period} seconds it walks each partition of a namespace and
 * deletes the records whose void time has passed. It holds one partition lock at a time, so transactions on other
 * partitions go on while it works.
 */
public final class Supervisor implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

    private final ScheduledExecutorService executor;
    private final InstantSource clock;

    /** Purges truncated records now, off the caller's thread (the info command answers at once). */
    public void purgeSoon(Namespace namespace) {
        executor.execute(() -> runSafely(namespace));
    }

    public Supervisor(Namespaces namespaces, InstantSource clock) {
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "nsup");
            thread.setDaemon(true);
            return thread;
        });
        for (Namespace namespace : namespaces.all()) {
            long periodSeconds = namespace.config().nsupPeriodSeconds();
            if (periodSeconds > 0) {
                executor.scheduleWithFixedDelay(() -> runSafely(namespace), periodSeconds, periodSeconds,
                        TimeUnit.SECONDS);
            }
        }
    }

    private void runSafely(Namespace namespace) {
        try {
            long started = System.nanoTime();
            long expired = expire(namespace, VoidTime.nowSeconds(clock.millis()));
            long evicted = Evictor.evict(namespace, VoidTime.nowSeconds(clock.millis()));
            long tombstones = namespace.store() instanceof DeviceNamespaceStore device ? device.reclaimTombstones() : 0;
            if (expired > 0 || evicted > 0 || tombstones > 0) {
                log.info("[{}] nsup: expired {}, evicted {} records, reclaimed {} tombstones in {} ms",
                        namespace.name(), expired, evicted, tombstones, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException | Error e) {
            log.error("[{}] nsup failed", namespace.name(), e);
        }
    }

    /**
     * Deletes every record of the namespace whose void time is at or before {@code nowSeconds}, or that a
     * truncation covers; returns how many expired.
     */
    public static long expire(Namespace namespace, long nowSeconds) {
        NamespaceStore store = namespace.store();
        long[] expired = {0};
        store.sweep((partition, entry) -> {
            if (PartitionIndex.tombstone(entry) || !store.gone(entry, nowSeconds)) {
                return false;
            }
            if (PartitionIndex.expired(entry, nowSeconds)) {
                expired[0]++;
            } else {
                namespace.truncatedObjects.increment();
            }
            store.remove(partition, entry);
            return true;
        });
        namespace.expiredObjects.add(expired[0]);
        return expired[0];
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
