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
 * A thousand writers racing on four keys, each with its own store and its own payload (every two-byte word the
 * writer's number), with a reader loading all keys alongside each writer: exactly one writer wins per key, every
 * load during and after the race is one writer's whole object or a miss (no mixed object), and the losers leave
 * no segments behind.
 */
class ChunkStoreRaceTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final String SET = "race";
    private static final int WRITERS = 1_000;
    private static final int KEYS = 4;
    private static final int SEGMENTS = 4;
    private static final int SEGMENT_BYTES = 16 * 1024;
    /** Four segments of 16 KiB, the last one shorter: small enough that a thousand stores stay fast. */
    private static final int OBJECT_BYTES = SEGMENTS * SEGMENT_BYTES - 100;

    @Test
    void aThousandRacingWritersLeaveOneWholeObjectPerKeyAndNoMixedOnes() {
        ChunkStoreConfig config = SERVER.config(SET).targetSegmentBytes(SEGMENT_BYTES)
                .maxRecordBytes(KvCacheServerExtension.RECORD_CAP_BYTES).numWorkers(KEYS).build();
        List<String> keys = new ArrayList<>();
        for (int index = 0; index < KEYS; index++) {
            keys.add("contended-" + index);
        }
        ChunkStore reader = SERVER.open(config);
        List<CompletableFuture<StoreOutcome>> stores = new ArrayList<>();
        List<CompletableFuture<List<LoadResult>>> loads = new ArrayList<>();
        List<List<ByteBuffer>> loadDestinations = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            String key = keys.get(writer % KEYS);
            stores.add(SERVER.open(config).store(List.of(key), List.of(payloadOf(writer)))
                    .thenApply(List::getFirst));
            List<ByteBuffer> destinations = keys.stream().map(each -> ByteBuffer.allocate(OBJECT_BYTES)).toList();
            loadDestinations.add(destinations);
            loads.add(reader.load(keys, destinations));
        }

        for (int key = 0; key < KEYS; key++) {
            List<StoreOutcome> outcomes = new ArrayList<>();
            for (int writer = key; writer < WRITERS; writer += KEYS) {
                outcomes.add(stores.get(writer).join());
            }
            assertThat(outcomes).filteredOn(outcome -> outcome == StoreOutcome.STORED).hasSize(1);
            assertThat(outcomes).filteredOn(outcome -> outcome == StoreOutcome.ALREADY_STORED)
                    .hasSize(WRITERS / KEYS - 1);
        }
        int hitsDuringTheRace = 0;
        for (int attempt = 0; attempt < WRITERS; attempt++) {
            List<LoadResult> results = loads.get(attempt).join();
            for (int key = 0; key < KEYS; key++) {
                if (results.get(key).isHit()) {
                    assertWhole(loadDestinations.get(attempt).get(key), key);
                    hitsDuringTheRace++;
                }
            }
        }
        for (int key = 0; key < KEYS; key++) {
            ByteBuffer destination = ByteBuffer.allocate(OBJECT_BYTES);
            assertThat(reader.load(List.of(keys.get(key)), List.of(destination)).join().getFirst().isHit()).isTrue();
            assertWhole(destination, key);
        }
        System.out.printf("race: %d of %d loads during the race were hits, all whole%n", hitsDuringTheRace,
                WRITERS * KEYS);
        assertThat(RecordCounts.inSet(SERVER.client(), SET)).isEqualTo(KEYS * (1 + SEGMENTS));
    }

    private static ByteBuffer payloadOf(int writer) {
        ByteBuffer payload = ByteBuffer.allocate(OBJECT_BYTES);
        while (payload.remaining() >= Short.BYTES) {
            payload.putShort((short) writer);
        }
        return payload.flip();
    }

    /** A mixed object would show two writers' numbers; a whole one shows a writer of this key. */
    private static void assertWhole(ByteBuffer loaded, int key) {
        ByteBuffer words = loaded.duplicate().flip();
        short writer = words.getShort(0);
        if (writer % KEYS != key) {
            throw new AssertionError("key " + key + " holds writer " + writer + "'s object, stored under another key");
        }
        while (words.remaining() >= Short.BYTES) {
            int at = words.position();
            short word = words.getShort();
            if (word != writer) {
                throw new AssertionError("mixed object under key " + key + ": word at byte " + at + " is " + word
                        + ", word 0 is " + writer);
            }
        }
    }
}
