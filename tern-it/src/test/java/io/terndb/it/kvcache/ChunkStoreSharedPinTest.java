package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Key;
import io.terndb.client.PartitionFilter;
import io.terndb.client.Record;
import io.terndb.client.Value;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.kvcache.internal.ServerPins;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pins that hold across processes: one store pins (as an inference worker would before loading), another store
 * on the same set, with its own client, fills it past the high watermark and evicts (10 MiB capacity, objects of
 * 1 MiB in four segments, so eviction runs at 9.5 MiB down to 8.5 MiB). Pins of one store are its own, so two
 * stores stand for two processes.
 */
class ChunkStoreSharedPinTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final int MIB = 1024 * 1024;
    private static final int OBJECT_BYTES = MIB;
    private static final double CAPACITY_GB = 10.0 / 1024;
    private static final long SHORT_LEASE_MS = 300;

    /** Usage counted at open and on demand only, so each step below sees exactly what the test did. */
    private static ChunkStoreConfig.Builder config(String set) {
        return SERVER.config(set).maxRecordBytes(KvCacheServerExtension.RECORD_CAP_BYTES)
                .targetSegmentBytes(OBJECT_BYTES / 4).usageRefreshMs(0);
    }

    @Test
    void anObjectPinnedInAnotherStoreSurvivesItsEvictionUntilUnpinned() {
        try (ChunkStore evicting = ChunkStore.connect(config("across").maxCapacityGb(CAPACITY_GB).build());
                ChunkStore pinning = SERVER.open(config("across").build())) {
            storeEach(evicting, 0, 9);
            assertThat(pinning.lookupAndPin(List.of("o0")).join()).containsExactly(true);

            storeEach(evicting, 9, 10);
            evicting.evict().join();
            assertThat(evicting.lookup(List.of("o0", "o1", "o2")).join())
                    .as("o0 and o1 were the victims; the lease read before the delete kept o0")
                    .containsExactly(true, false, true);

            storeEach(evicting, 10, 11);
            evicting.evict().join();
            assertThat(evicting.lookup(List.of("o0", "o2", "o3", "o4")).join())
                    .as("o0 is no victim while its lease holds").containsExactly(true, false, false, true);

            pinning.unpin(List.of("o0")).join();
            assertThat(meta("across", "o0").getValue("pin_until")).as("the last unpin clears the lease").isNull();
            evicting.refreshUsage().join();
            storeEach(evicting, 11, 13);
            evicting.evict().join();
            assertThat(evicting.lookup(List.of("o0", "o4", "o5")).join()).containsExactly(false, false, true);
            assertThat(pinning.lookupAndPin(List.of("o0")).join()).containsExactly(false);
        }
    }

    @Test
    void anotherStoresPinHoldsForItsLeaseAndTheClockMarginThenLapses() throws InterruptedException {
        try (ChunkStore evicting = ChunkStore.connect(config("lease").maxCapacityGb(CAPACITY_GB).build());
                ChunkStore pinning = SERVER.open(config("lease").pinLeaseMs(SHORT_LEASE_MS).build())) {
            storeEach(evicting, 0, 9);
            assertThat(pinning.lookupAndPin(List.of("o0")).join()).containsExactly(true);
            long leaseEndsByMs = System.currentTimeMillis() + SHORT_LEASE_MS;
            evicting.refreshUsage().join();

            storeEach(evicting, 9, 10);
            evicting.evict().join();
            assertThat(evicting.lookup(List.of("o0", "o1", "o2", "o3")).join())
                    .as("the count saw the lease: o0 was passed over, not read again")
                    .containsExactly(true, false, false, true);

            Thread.sleep(Math.max(0, leaseEndsByMs + ServerPins.CLOCK_MARGIN_MS + 1 - System.currentTimeMillis()));
            storeEach(evicting, 10, 12);
            evicting.evict().join();
            assertThat(evicting.lookup(List.of("o0", "o3", "o4")).join()).as("never unpinned, but the lease ended")
                    .containsExactly(false, false, true);
        }
    }

    @Test
    void aPinWritesOnlyItsLeaseKeepsTheTtlAndNeverRecreatesAnObject() {
        try (ChunkStore store = SERVER.open(config("lease-bin").defaultTtlSeconds(3600).build())) {
            store.store(List.of("segmented", "inline"), List.of(Payloads.random(OBJECT_BYTES, 1),
                    Payloads.random(100, 2))).join();
            for (String objectKey : List.of("segmented", "inline")) {
                Record before = meta("lease-bin", objectKey);
                long beforeMs = System.currentTimeMillis();
                assertThat(store.lookupAndPin(List.of(objectKey)).join()).containsExactly(true);
                Record after = meta("lease-bin", objectKey);

                Map<String, Object> otherBins = new HashMap<>(after.bins());
                assertThat(otherBins.remove("pin_until")).isInstanceOf(Long.class).satisfies(until -> assertThat(
                        (Long) until).isBetween(beforeMs, System.currentTimeMillis()
                                + ChunkStoreConfig.PIN_LEASE_MS_DEFAULT));
                assertThat(otherBins).as("pin stays false, as LMCache writes it").containsEntry("pin", false)
                        .containsOnlyKeys(before.bins().keySet());
                assertThat(after.voidTime()).as("the TTL is kept").isEqualTo(before.voidTime());
                assertThat(after.generation()).isEqualTo(before.generation() + 1);
            }
            assertThat(storedUserKeys("lease-bin")).as("the pin sends no key and the stored ones stay")
                    .contains("segmented|m", "inline|m");

            assertThat(store.delete(List.of("inline")).join()).containsExactly(DeleteOutcome.DELETED);
            assertThat(store.lookupAndPin(List.of("inline", "never-stored", "segmented")).join())
                    .containsExactly(false, false, true);
            assertThat(meta("lease-bin", "inline")).as("the pin's write is update-only").isNull();
            assertThat(meta("lease-bin", "never-stored")).isNull();
        }
    }

    private static Record meta(String set, String objectKey) {
        return SERVER.client().get(new Key(KvCacheServerExtension.NAMESPACE, set, objectKey + "|m"));
    }

    private static Set<String> storedUserKeys(String set) {
        Set<String> userKeys = ConcurrentHashMap.newKeySet();
        SERVER.client().scan(PartitionFilter.all(), KvCacheServerExtension.NAMESPACE, set, (key, record) -> {
            if (key.userKey() instanceof Value.StringValue text) {
                userKeys.add(text.value());
            }
        });
        return userKeys;
    }

    private static void storeEach(ChunkStore store, int from, int to) {
        for (int index = from; index < to; index++) {
            ByteBuffer payload = Payloads.random(OBJECT_BYTES, Payloads.SEED + index);
            assertThat(store.store(List.of("o" + index), List.of(payload)).join())
                    .containsExactly(StoreOutcome.STORED);
        }
    }
}
