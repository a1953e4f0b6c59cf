package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Key;
import io.terndb.client.Record;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Objects of one byte to 80 MiB go in and come back whole, in the layout LMCache's adapter reads. */
class ChunkStoreRoundTripTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final int MIB = 1024 * 1024;

    @Test
    void discoversTheRecordCapAndKeepsSegmentsAMarginBelowIt() {
        ChunkStore store = SERVER.open(SERVER.config("roundtrip").build());

        assertThat(store.recordCapBytes()).isEqualTo(KvCacheServerExtension.RECORD_CAP_BYTES);
        assertThat(store.segmentTargetBytes()).isEqualTo(MIB - 64 * 1024);
    }

    @Test
    void roundTripsOneByteOneSegmentAFewSegmentsAndEightMebibytes() {
        ChunkStore store = SERVER.open(SERVER.config("roundtrip").build());
        int target = (int) store.segmentTargetBytes();
        List<Integer> sizes = List.of(1, target, target + 1, 3 * target + 17, 8 * MIB);
        List<String> keys = sizes.stream().map(size -> "roundtrip-" + size).toList();
        List<ByteBuffer> payloads = sizes.stream().map(size -> Payloads.random(size, Payloads.SEED + size)).toList();

        assertThat(store.store(keys, payloads).join()).containsOnly(StoreOutcome.STORED);
        assertThat(store.lookup(keys).join()).containsOnly(true);

        List<ByteBuffer> destinations = sizes.stream().map(size -> ByteBuffer.allocateDirect(size + 16)
                .position(8)).toList();
        List<LoadResult> results = store.load(keys, destinations).join();
        for (int index = 0; index < sizes.size(); index++) {
            int size = sizes.get(index);
            assertThat(results.get(index)).isEqualTo(new LoadResult(LoadOutcome.HIT, size));
            ByteBuffer loaded = destinations.get(index).flip().position(8);
            assertThat(Payloads.remaining(loaded)).as("object of %d bytes", size)
                    .isEqualTo(Payloads.remaining(payloads.get(index)));
        }
    }

    @Test
    void roundTripsAtAnEightMebibyteRecordCap() {
        String namespace = KvCacheServerExtension.LARGE_RECORD_NAMESPACE;
        ChunkStore store = SERVER.open(SERVER.config("roundtrip").namespace(namespace).build());
        ByteBuffer payload = Payloads.random(20 * MIB, Payloads.SEED);
        ByteBuffer destination = ByteBuffer.allocateDirect(20 * MIB);

        assertThat(store.recordCapBytes()).isEqualTo(8 * MIB);
        assertThat(store.store(List.of("large-cap"), List.of(payload)).join()).containsExactly(StoreOutcome.STORED);
        Record meta = SERVER.client().get(new Key(namespace, "roundtrip", "large-cap|m"));
        assertThat(meta.getLong("nseg")).isEqualTo(3);
        assertThat(store.load(List.of("large-cap"), List.of(destination)).join().getFirst().isHit()).isTrue();
        assertThat(Payloads.remaining(destination.flip())).isEqualTo(Payloads.remaining(payload));
    }

    /** The largest object the issue names (a Llama-3.1-70B chunk), at LMCache's default cap and the largest one. */
    @Test
    void roundTripsAnEightyMebibyteObjectAtBothRecordCaps() {
        ByteBuffer payload = Payloads.random(80 * MIB, Payloads.SEED + 80);
        byte[] expected = Payloads.remaining(payload);
        for (String namespace : List.of(KvCacheServerExtension.NAMESPACE,
                KvCacheServerExtension.LARGE_RECORD_NAMESPACE)) {
            ChunkStore store = SERVER.open(SERVER.config("roundtrip").namespace(namespace).build());
            ByteBuffer destination = ByteBuffer.allocateDirect(80 * MIB);

            assertThat(store.store(List.of("llama-70b"), List.of(payload)).join())
                    .containsExactly(StoreOutcome.STORED);
            Record meta = SERVER.client().get(new Key(namespace, "roundtrip", "llama-70b|m"));
            long segments = (80L * MIB + store.segmentTargetBytes() - 1) / store.segmentTargetBytes();
            assertThat(meta.getLong("nseg")).as("segments in %s", namespace).isEqualTo(segments);
            assertThat(store.load(List.of("llama-70b"), List.of(destination)).join().getFirst())
                    .isEqualTo(new LoadResult(LoadOutcome.HIT, 80 * MIB));
            assertThat(Payloads.remaining(destination.flip())).as("object in %s", namespace).isEqualTo(expected);
            assertThat(store.delete(List.of("llama-70b")).join()).hasSize(1);
        }
    }

    @Test
    void writesTheRaceSafeLmcacheLayoutWithChecksums() {
        ChunkStore store = SERVER.open(SERVER.config("layout").build());
        int target = (int) store.segmentTargetBytes();
        ByteBuffer payload = Payloads.random(2 * target + 5, Payloads.SEED);
        long before = Instant.now().getEpochSecond();

        assertThat(store.store(List.of("layout-1"), List.of(payload)).join()).containsExactly(StoreOutcome.STORED);

        Record meta = SERVER.client().get(new Key(KvCacheServerExtension.NAMESPACE, "layout", "layout-1|m"));
        assertThat(meta.getLong("ver")).isEqualTo(1);
        assertThat(meta.getString("state")).isEqualTo("ready");
        assertThat(meta.getLong("nseg")).isEqualTo(3);
        assertThat(meta.getLong("seg_b")).isEqualTo((2L * target + 5 + 2) / 3);
        assertThat(meta.getLong("tot_b")).isEqualTo(2L * target + 5);
        assertThat(meta.getLong("created_at")).isBetween(before, Instant.now().getEpochSecond());
        assertThat(meta.getBoolean("pin")).isFalse();
        assertThat(meta.getString("wid")).matches("[0-9a-f]{16}");
        assertThat(meta.bins()).doesNotContainKey("b");
        for (int index = 0; index < 3; index++) {
            Record segment = SERVER.client().get(new Key(KvCacheServerExtension.NAMESPACE, "layout",
                    "layout-1|s|" + meta.getString("wid") + "|" + index));
            assertThat(segment.getBytes("b")).hasSize(index < 2 ? (2 * target + 5 + 2) / 3 : (2 * target + 5) - 2
                    * ((2 * target + 5 + 2) / 3));
            assertThat(segment.getValue("crc")).isInstanceOf(Long.class);
        }
    }

    @Test
    void aSingleSegmentObjectLivesInTheMetaRecord() {
        ChunkStore store = SERVER.open(SERVER.config("layout").build());

        store.store(List.of("small"), List.of(Payloads.random(100, Payloads.SEED))).join();

        Record meta = SERVER.client().get(new Key(KvCacheServerExtension.NAMESPACE, "layout", "small|m"));
        assertThat(meta.getLong("nseg")).isEqualTo(1);
        assertThat(meta.getBytes("b")).isEqualTo(Payloads.remaining(Payloads.random(100, Payloads.SEED)));
    }

    @Test
    void missingObjectsAndSmallDestinationsAreResultsNotErrors() {
        ChunkStore store = SERVER.open(SERVER.config("roundtrip").build());
        store.store(List.of("sized"), List.of(Payloads.random(3 * MIB, Payloads.SEED))).join();

        List<LoadResult> results = store.load(List.of("never-stored", "sized"),
                List.of(ByteBuffer.allocate(10), ByteBuffer.allocate(3 * MIB - 1))).join();

        assertThat(results).containsExactly(LoadResult.MISS, new LoadResult(LoadOutcome.DESTINATION_TOO_SMALL, 0));
        assertThat(store.lookup(List.of("never-stored", "sized")).join()).containsExactly(false, true);
    }

    @Test
    void storingAnExistingObjectAgainKeepsTheFirstAndLeavesNoSegmentsBehind() {
        ChunkStore store = SERVER.open(SERVER.config("again").build());
        ByteBuffer first = Payloads.random(3 * MIB, 1);

        store.store(List.of("again"), List.of(first)).join();
        List<StoreOutcome> second = store.store(List.of("again"), List.of(Payloads.random(3 * MIB, 2))).join();

        assertThat(second).containsExactly(StoreOutcome.ALREADY_STORED);
        ByteBuffer destination = ByteBuffer.allocate(3 * MIB);
        assertThat(store.load(List.of("again"), List.of(destination)).join().getFirst().isHit()).isTrue();
        assertThat(destination.array()).isEqualTo(first.array());
        assertThat(RecordCounts.inSet(SERVER.client(), "again")).isEqualTo(1 + 4);
    }
}
