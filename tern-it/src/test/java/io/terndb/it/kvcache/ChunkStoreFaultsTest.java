package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.ClientResultCode;
import io.terndb.client.Key;
import io.terndb.client.Record;
import io.terndb.client.TernException;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.kvcache.StoreResult;
import io.terndb.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A torn or damaged object reads as a miss, never as wrong bytes; delete removes meta and segments. */
class ChunkStoreFaultsTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final String SET = "faults";
    private static final int OBJECT_BYTES = 3 * 1024 * 1024;

    private ChunkStore store;

    @BeforeEach
    void openStore() {
        store = SERVER.open(SERVER.config(SET).build());
    }

    @Test
    void anObjectMissingOneSegmentIsAMiss() {
        storeObject("torn");

        assertThat(SERVER.client().delete(segmentKey("torn", 1))).isTrue();

        assertThat(loadObject("torn")).isEqualTo(LoadResult.MISS);
    }

    @Test
    void aSegmentWhoseBytesNoLongerMatchItsChecksumIsAMiss() {
        storeObject("flipped");
        Key segment = segmentKey("flipped", 0);
        byte[] bytes = SERVER.client().get(segment).getBytes("b");
        bytes[bytes.length / 2] ^= 0x01;

        SERVER.client().put(segment, new Bin("b", bytes));

        assertThat(loadObject("flipped")).isEqualTo(LoadResult.MISS);
    }

    @Test
    void aSegmentOfTheWrongLengthIsAMiss() {
        storeObject("short");

        SERVER.client().put(segmentKey("short", 2), new Bin("b", new byte[10]), Bin.delete("crc"));

        assertThat(loadObject("short")).isEqualTo(LoadResult.MISS);
    }

    @Test
    void aMetaRecordThatIsNotReadyIsAMiss() {
        storeObject("unready");

        SERVER.client().put(metaKey("unready"), new Bin("state", "writing"));

        assertThat(loadObject("unready")).isEqualTo(LoadResult.MISS);
        assertThat(store.lookup(List.of("unready")).join()).containsExactly(false);
    }

    @Test
    void deleteRemovesTheMetaRecordAndEverySegment() {
        storeObject("doomed");
        long before = RecordCounts.inSet(SERVER.client(), SET);

        assertThat(store.delete(List.of("doomed", "never-stored")).join())
                .containsExactly(DeleteOutcome.DELETED, DeleteOutcome.ABSENT);

        assertThat(store.lookup(List.of("doomed")).join()).containsExactly(false);
        assertThat(loadObject("doomed")).isEqualTo(LoadResult.MISS);
        assertThat(RecordCounts.inSet(SERVER.client(), SET)).isEqualTo(before - 5);
        assertThat(store.delete(List.of("doomed")).join()).containsExactly(DeleteOutcome.ABSENT);
    }

    @Test
    void aStoreTheServerRefusesFailsThatKeyAloneAndLeavesNothingBehind() {
        ChunkStore overreaching = SERVER.open(SERVER.config("refused").maxRecordBytes(4 * 1024 * 1024).build());
        List<String> keys = List.of("too-big-segments", "fits");
        List<ByteBuffer> payloads = List.of(Payloads.random(OBJECT_BYTES, 7), Payloads.random(1_000, 8));

        List<StoreResult> results = overreaching.storeResults(keys, payloads).join();

        assertThat(results).extracting(StoreResult::outcome).containsExactly(StoreOutcome.FAILED,
                StoreOutcome.STORED);
        assertThat(results.get(0).failure()).get().extracting(TernException::resultCode)
                .isEqualTo(ResultCode.RECORD_TOO_BIG);
        assertThat(results.get(1).failure()).isEmpty();
        assertThat(overreaching.lookup(keys).join()).containsExactly(false, true);
        assertThat(RecordCounts.inSet(SERVER.client(), "refused")).as("only the meta record of the small one")
                .isEqualTo(1);
    }

    @Test
    void aWriterSlowerThanTheCommitCutoffDoesNotCommitAndLeavesNothingBehind() {
        ChunkStore stalling = ChunkStore.open(SERVER.client(), SERVER.config("cutoff").build(),
                new HourPerReadingClock(), RandomGenerator.getDefault());

        StoreResult result = stalling.storeResults(List.of("too-late"), List.of(Payloads.random(OBJECT_BYTES, 11)))
                .join().getFirst();

        assertThat(result.outcome()).isEqualTo(StoreOutcome.FAILED);
        assertThat(result.failure()).get().satisfies(cause -> {
            assertThat(cause.resultCode()).isEqualTo(ClientResultCode.CLIENT_ERROR);
            assertThat(cause.getMessage()).contains("commit cutoff");
        });

        assertThat(store.lookup(List.of("too-late")).join()).containsExactly(false);
        assertThat(RecordCounts.inSet(SERVER.client(), "cutoff")).as("its segments were deleted").isZero();
    }

    /** Each reading is an hour after the last: as if the writer stalled between its segments and its commit. */
    private static final class HourPerReadingClock extends Clock {
        private final AtomicLong readings = new AtomicLong();

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(1_700_000_000L + 3_600 * readings.getAndIncrement());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("zone=" + zone);
        }
    }

    private void storeObject(String key) {
        List<StoreOutcome> outcomes = store.store(List.of(key), List.of(Payloads.random(OBJECT_BYTES, 1))).join();
        assertThat(outcomes).containsExactly(StoreOutcome.STORED);
        assertThat(loadObject(key).isHit()).isTrue();
    }

    private LoadResult loadObject(String key) {
        return store.load(List.of(key), List.of(ByteBuffer.allocate(OBJECT_BYTES))).join().getFirst();
    }

    private static Key metaKey(String key) {
        return new Key(KvCacheServerExtension.NAMESPACE, SET, key + "|m");
    }

    private static Key segmentKey(String key, int index) {
        Record meta = SERVER.client().get(metaKey(key));
        return new Key(KvCacheServerExtension.NAMESPACE, SET, key + "|s|" + meta.getString("wid") + "|" + index);
    }
}
