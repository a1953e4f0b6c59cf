package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Writers racing on the same keys, each with its own store and its own payload (every byte the writer's
 * number): exactly one wins per key, readers during and after the race see whole objects of one writer or a
 * miss, and the losers leave no segments behind.
 */
class ChunkStoreRaceTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final String SET = "race";
    private static final int WRITERS = 24;
    private static final int KEYS = 4;
    private static final int SEGMENT_BYTES = 64 * 1024;
    /** Four segments of 64 KiB, the last one shorter: small enough that the race stays fast. */
    private static final int OBJECT_BYTES = 4 * SEGMENT_BYTES - 100;

    @Test
    void racingWritersLeaveOneWholeObjectPerKeyAndNoMixedOnes() {
        ChunkStoreConfig config = SERVER.config(SET).targetSegmentBytes(SEGMENT_BYTES)
                .maxRecordBytes(KvCacheServerExtension.RECORD_CAP_BYTES).numWorkers(KEYS).build();
        List<String> keys = new ArrayList<>();
        for (int index = 0; index < KEYS; index++) {
            keys.add("contended-" + index);
        }
        ChunkStore reader = SERVER.open(config);
        List<CompletableFuture<List<StoreOutcome>>> stores = new ArrayList<>();
        List<CompletableFuture<List<LoadResult>>> loads = new ArrayList<>();
        List<List<ByteBuffer>> loadDestinations = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            ByteBuffer payload = Payloads.filled(OBJECT_BYTES, (byte) writer);
            List<ByteBuffer> payloads = keys.stream().map(key -> payload).toList();
            stores.add(SERVER.open(config).store(keys, payloads));
            List<ByteBuffer> destinations = keys.stream().map(key -> ByteBuffer.allocate(OBJECT_BYTES)).toList();
            loadDestinations.add(destinations);
            loads.add(reader.load(keys, destinations));
        }

        for (int index = 0; index < KEYS; index++) {
            int key = index;
            List<StoreOutcome> outcomes = stores.stream().map(store -> store.join().get(key)).toList();
            assertThat(outcomes).filteredOn(outcome -> outcome == StoreOutcome.STORED).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome == StoreOutcome.ALREADY_STORED).hasSize(WRITERS - 1);
        }
        for (int attempt = 0; attempt < WRITERS; attempt++) {
            List<LoadResult> results = loads.get(attempt).join();
            for (int key = 0; key < KEYS; key++) {
                if (results.get(key).isHit()) {
                    assertWhole(loadDestinations.get(attempt).get(key));
                }
            }
        }
        for (String key : keys) {
            ByteBuffer destination = ByteBuffer.allocate(OBJECT_BYTES);
            assertThat(reader.load(List.of(key), List.of(destination)).join().getFirst().isHit()).isTrue();
            assertWhole(destination);
        }
        assertThat(RecordCounts.inSet(SERVER.client(), SET)).isEqualTo(KEYS * (1 + 4));
    }

    /** Mixed objects would show two writers' numbers. */
    private static void assertWhole(ByteBuffer loaded) {
        byte[] bytes = loaded.array();
        byte writer = bytes[0];
        for (int index = 0; index < bytes.length; index++) {
            if (bytes[index] != writer) {
                throw new AssertionError("mixed object: byte " + index + " is " + bytes[index] + ", byte 0 is "
                        + writer);
            }
        }
    }
}
