package io.terndb.it.kvcache;

import io.terndb.client.PartitionFilter;
import io.terndb.client.TernClient;
import java.util.concurrent.atomic.AtomicLong;

/** Counts a set's records with a scan: what a store leaves behind, orphans included. */
final class RecordCounts {

    private RecordCounts() {
    }

    static long inSet(TernClient client, String setName) {
        AtomicLong count = new AtomicLong();
        client.scan(PartitionFilter.all(), KvCacheServerExtension.NAMESPACE, setName,
                (key, record) -> count.incrementAndGet());
        return count.get();
    }
}
