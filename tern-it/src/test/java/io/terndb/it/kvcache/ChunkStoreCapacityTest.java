package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.ChunkUsage;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Capacity against a real server: usage counted from the server and shared by stores, LRU eviction between the
 * watermarks (95 % and 85 % of a 10 MiB capacity, objects of 1 MiB in four segments), pins that hold.
 */
class ChunkStoreCapacityTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final int MIB = 1024 * 1024;
    private static final int OBJECT_BYTES = MIB;
    private static final int SEGMENTS_PER_OBJECT = 4;
    /** 10 MiB, exact in binary. */
    private static final double CAPACITY_GB = 10.0 / 1024;
    private static final long CAPACITY_BYTES = 10L * MIB;

    private static ChunkStoreConfig.Builder config(String set) {
        return SERVER.config(set).maxRecordBytes(KvCacheServerExtension.RECORD_CAP_BYTES)
                .targetSegmentBytes(OBJECT_BYTES / SEGMENTS_PER_OBJECT).maxCapacityGb(CAPACITY_GB);
    }

    @Test
    void evictionKeepsUsageUnderCapacityAndTheMostRecentlyLoadedObjectSurvives() throws InterruptedException {
        try (ChunkStore store = SERVER.open(config("lru").build())) {
            storeEach(store, "o", 0, 9);
            Thread.sleep(5);
            assertThat(load(store, "o0").isHit()).isTrue();
            Thread.sleep(5);

            storeEach(store, "o", 9, 10);
            store.evict().join();

            ChunkUsage usage = store.usage();
            assertThat(usage.usedBytes()).isLessThanOrEqualTo((long) (CAPACITY_BYTES * 0.85));
            assertThat(usage.objectCount()).isEqualTo(8);
            assertThat(store.lookup(List.of("o0", "o1", "o2", "o3", "o9")).join())
                    .as("o1 and o2 were least recently used; o0 was loaded after them")
                    .containsExactly(true, false, false, true, true);
            assertThat(load(store, "o1")).isEqualTo(LoadResult.MISS);
            assertThat(RecordCounts.inSet(SERVER.client(), "lru")).as("evicted objects leave no segments")
                    .isEqualTo(8 * (1 + SEGMENTS_PER_OBJECT));
        }
    }

    @Test
    void aPinnedObjectIsNotEvictedUntilUnpinned() throws InterruptedException {
        try (ChunkStore store = SERVER.open(config("pins").build())) {
            storeEach(store, "p", 0, 9);
            assertThat(store.lookupAndPin(List.of("p0", "never-stored")).join()).containsExactly(true, false);
            assertThat(store.usage().pinnedCount()).as("an absent object is not pinned").isEqualTo(1);

            storeEach(store, "p", 9, 10);
            store.evict().join();
            assertThat(store.lookup(List.of("p0", "p1", "p2", "p3")).join()).containsExactly(true, false, false,
                    true);

            store.unpin(List.of("p0")).join();
            assertThat(store.usage().pinnedCount()).isZero();
            storeEach(store, "p", 10, 12);
            store.evict().join();
            assertThat(store.lookup(List.of("p0", "p3", "p4")).join()).as("p0 is now the least recently used")
                    .containsExactly(false, false, true);
            assertThat(store.usage().usedBytes()).isLessThanOrEqualTo(CAPACITY_BYTES);
        }
    }

    @Test
    void aSecondStoreRecoversTheUsageAndRefreshesShareEachOthersObjects() {
        ChunkStoreConfig config = config("shared").maxCapacityGb(1).build();
        try (ChunkStore first = SERVER.open(config)) {
            storeEach(first, "s", 0, 3);
            first.store(List.of("inline"), List.of(Payloads.random(100, 1))).join();

            try (ChunkStore second = SERVER.open(config)) {
                assertThat(second.usage().usedBytes()).isEqualTo(3L * OBJECT_BYTES + 100);
                assertThat(second.usage().objectCount()).isEqualTo(4);
                assertThat(second.usage().capacityBytes()).isEqualTo(1024L * MIB);

                storeEach(second, "s", 3, 5);
                assertThat(second.delete(List.of("inline")).join()).containsExactly(DeleteOutcome.DELETED);
            }
            ChunkUsage refreshed = first.refreshUsage().join();
            assertThat(refreshed.usedBytes()).isEqualTo(5L * OBJECT_BYTES);
            assertThat(refreshed.objectCount()).isEqualTo(5);
        }
    }

    @Test
    void aPeriodicRefreshShowsAnotherStoresObjectsWithoutBeingAsked() throws InterruptedException {
        try (ChunkStore watching = SERVER.open(config("periodic").maxCapacityGb(1).usageRefreshMs(200).build());
                ChunkStore other = SERVER.open(config("periodic").maxCapacityGb(1).usageRefreshMs(0).build())) {
            storeEach(other, "elsewhere-", 0, 2);

            long deadline = System.nanoTime() + KvCacheServerExtension.PATIENT.toNanos();
            while (watching.usage().objectCount() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            assertThat(watching.usage().usedBytes()).isEqualTo(2L * OBJECT_BYTES);
        }
    }

    @Test
    void theUsageCountFromTheServerMovesNoPayload() throws Exception {
        ChunkStoreConfig config = config("census").maxCapacityGb(1).targetSegmentBytes(0).build();
        int inlineBytes = 900 * 1024;
        try (ChunkStore writer = SERVER.open(config)) {
            for (int index = 0; index < 10; index++) {
                writer.store(List.of("inline-" + index), List.of(Payloads.random(inlineBytes, index))).join();
            }
            storeEach(writer, "segmented-", 0, 2);
        }
        try (StallingProxy proxy = new StallingProxy(SERVER.server().port());
                TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", proxy.port())
                        .infoTimeout(KvCacheServerExtension.PATIENT).build())) {
            long before = proxy.replyBytes();
            try (ChunkStore counting = ChunkStore.open(client, config)) {
                long countBytes = proxy.replyBytes() - before;

                assertThat(counting.usage().usedBytes()).isEqualTo(10L * inlineBytes + 2L * OBJECT_BYTES);
                assertThat(countBytes).as("the scan selects the meta records' small bins, never b")
                        .isLessThan(64 * 1024);
            }
        }
    }

    private static void storeEach(ChunkStore store, String prefix, int from, int to) {
        for (int index = from; index < to; index++) {
            ByteBuffer payload = Payloads.random(OBJECT_BYTES, Payloads.SEED + index);
            assertThat(store.store(List.of(prefix + index), List.of(payload)).join())
                    .containsExactly(StoreOutcome.STORED);
        }
    }

    private static LoadResult load(ChunkStore store, String key) {
        return store.load(List.of(key), List.of(ByteBuffer.allocate(OBJECT_BYTES))).join().getFirst();
    }
}
