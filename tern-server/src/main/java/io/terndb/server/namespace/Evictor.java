package io.terndb.server.namespace;

import io.terndb.protocol.PartitionId;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.index.PartitionIndex;

/**
 * Eviction above {@code evict-used-pct}: when a namespace's data passes that share of its capacity, the records
 * nearest to expiry go first, enough of them to get back under the line with a small margin. Records that never
 * expire are never evicted, as in the original. A histogram of void times finds the cut-off in one pass, a second
 * pass removes the records at or before it.
 */
final class Evictor {

    /** Evict down to this many tenths of a percent below the threshold, so eviction does not run every round. */
    static final int MARGIN_TENTHS_PCT = 5;
    private static final int BUCKETS = 4096;

    private Evictor() {
    }

    /** Evicts if needed; returns the number of records evicted. */
    static long evict(Namespace namespace, long nowSeconds) {
        if (!namespace.evictionThresholdPassed()) {
            return 0;
        }
        NamespaceStore store = namespace.store();
        int evictPct = namespace.evictUsedPct();
        long total = store.dataTotalBytes();
        long used = store.dataBytes();
        long objects = Math.max(1, store.objects());
        long excessBytes = used - total * (evictPct * 10L - MARGIN_TENTHS_PCT) / 1000;
        long wanted = Math.min(objects, Math.max(1, excessBytes / Math.max(1, used / objects)));
        long cutoff = cutoffVoidTime(store, nowSeconds, wanted);
        if (cutoff == 0) {
            return 0; // nothing can be evicted: every record lives forever
        }
        long evicted = store.sweep((partition, entry) -> {
            long voidTime = PartitionIndex.voidTime(entry);
            if (PartitionIndex.tombstone(entry) || voidTime == 0 || voidTime > cutoff) {
                return false;
            }
            store.remove(partition, entry);
            return true;
        });
        namespace.evictedObjects.add(evicted);
        return evicted;
    }

    /** The void time at or before which about {@code wanted} expiring records fall; 0 if none expire. */
    private static long cutoffVoidTime(NamespaceStore store, long nowSeconds, long wanted) {
        long latest = 0;
        for (int partitionId = 0; partitionId < PartitionId.COUNT; partitionId++) {
            latest = Math.max(latest, scanLatest(store.partition(partitionId)));
        }
        if (latest == 0) {
            return 0;
        }
        long span = Math.max(1, latest - nowSeconds + 1);
        long width = Math.max(1, (span + BUCKETS - 1) / BUCKETS);
        long[] counts = new long[BUCKETS];
        for (int partitionId = 0; partitionId < PartitionId.COUNT; partitionId++) {
            count(store.partition(partitionId), nowSeconds, width, counts);
        }
        long sum = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            sum += counts[bucket];
            if (sum >= wanted) {
                return nowSeconds + (bucket + 1) * width - 1;
            }
        }
        return latest;
    }

    private static long scanLatest(PartitionIndex partition) {
        long latest = 0;
        partition.lock().lock();
        try {
            for (int slot = 0; slot < partition.capacity(); slot++) {
                long entry = partition.entryAt(slot);
                if (entry != 0 && !PartitionIndex.tombstone(entry)) {
                    latest = Math.max(latest, PartitionIndex.voidTime(entry));
                }
            }
        } finally {
            partition.lock().unlock();
        }
        return latest;
    }

    private static void count(PartitionIndex partition, long nowSeconds, long width, long[] counts) {
        partition.lock().lock();
        try {
            for (int slot = 0; slot < partition.capacity(); slot++) {
                long entry = partition.entryAt(slot);
                long voidTime = entry == 0 || PartitionIndex.tombstone(entry) ? 0 : PartitionIndex.voidTime(entry);
                if (voidTime != 0) {
                    int bucket = (int) Math.min(counts.length - 1, Math.max(0, (voidTime - nowSeconds) / width));
                    counts[bucket]++;
                }
            }
        } finally {
            partition.lock().unlock();
        }
    }
}
