package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Record;
import io.terndb.client.TernException;
import io.terndb.protocol.ResultCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VictimDeleteTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);
    private static final long NOW_MS = CLOCK.millis();
    private static final String WRITE_ID = "0123456789abcdef";

    private final OneMetaRecord server = new OneMetaRecord();
    private final VictimDelete victims = new VictimDelete(server, CLOCK);

    @Test
    void deletesAnUnpinnedVictimAtTheGenerationItReadThenItsSegments() {
        server.store(metaBins(), 7);

        assertThat(victims.delete("o").join()).isEqualTo(VictimDelete.Result.EVICTED);

        assertThat(server.bins).isNull();
        assertThat(server.segmentsDeletedOf).containsExactly("o");
    }

    @Test
    void aLeaseThatHoldsKeepsTheVictimAndReportsTheLease() {
        Map<String, Object> bins = metaBins();
        bins.put(ObjectLayout.BIN_PIN_UNTIL, NOW_MS + 100);
        server.store(bins, 7);

        assertThat(victims.delete("o").join())
                .isEqualTo(new VictimDelete.Result(VictimDelete.Outcome.PINNED, NOW_MS + 100));

        assertThat(server.bins).isNotNull();
        assertThat(server.deleteAttempts).isZero();
    }

    @Test
    void aLeaseHoldsForTheClockMarginPastItsEndAndNoLonger() {
        Map<String, Object> bins = metaBins();
        bins.put(ObjectLayout.BIN_PIN_UNTIL, NOW_MS - ServerPins.CLOCK_MARGIN_MS + 1);
        server.store(bins, 7);
        assertThat(victims.delete("o").join().outcome()).isEqualTo(VictimDelete.Outcome.PINNED);

        bins.put(ObjectLayout.BIN_PIN_UNTIL, NOW_MS - ServerPins.CLOCK_MARGIN_MS);
        server.store(bins, 8);
        assertThat(victims.delete("o").join().outcome()).isEqualTo(VictimDelete.Outcome.EVICTED);
    }

    @Test
    void lmcachesPinBinKeepsTheVictim() {
        Map<String, Object> bins = metaBins();
        bins.put(ObjectLayout.BIN_PIN, true);
        server.store(bins, 7);

        assertThat(victims.delete("o").join().outcome()).isEqualTo(VictimDelete.Outcome.PINNED);
        assertThat(server.deleteAttempts).isZero();
    }

    @Test
    void aPinWrittenBetweenTheReadAndTheDeleteFailsTheDeleteAndKeepsTheObjectWhole() {
        server.store(metaBins(), 7);
        server.betweenReadAndDelete = () -> {
            Map<String, Object> pinned = new HashMap<>(server.bins);
            pinned.put(ObjectLayout.BIN_PIN_UNTIL, NOW_MS + 60_000);
            server.store(pinned, 8);
        };

        assertThat(victims.delete("o").join()).isEqualTo(VictimDelete.Result.CHANGED);

        assertThat(server.deleteAttempts).isEqualTo(1);
        assertThat(server.bins).as("the meta record stays").isNotNull();
        assertThat(server.segmentsDeletedOf).as("and so do its segments").isEmpty();
    }

    @Test
    void aVictimGoneBeforeTheReadOrBeforeTheDeleteIsAbsent() {
        assertThat(victims.delete("o").join()).isEqualTo(VictimDelete.Result.ABSENT);

        server.store(metaBins(), 7);
        server.betweenReadAndDelete = () -> server.bins = null;
        assertThat(victims.delete("o").join()).isEqualTo(VictimDelete.Result.ABSENT);
        assertThat(server.segmentsDeletedOf).isEmpty();
    }

    @Test
    void anotherServerErrorIsAFailureAndDeletesNothing() {
        server.store(metaBins(), 7);
        server.deleteFailure = new TernException(ResultCode.TIMEOUT, "delete", null, true);

        assertThat(victims.delete("o").join()).isEqualTo(VictimDelete.Result.FAILED);
        assertThat(server.segmentsDeletedOf).isEmpty();
    }

    /** A committed three-segment object's small bins. */
    private static Map<String, Object> metaBins() {
        Map<String, Object> bins = new HashMap<>();
        bins.put(ObjectLayout.BIN_VERSION, (long) ObjectLayout.VERSION);
        bins.put(ObjectLayout.BIN_STATE, ObjectLayout.STATE_READY);
        bins.put(ObjectLayout.BIN_SEGMENT_COUNT, 3L);
        bins.put(ObjectLayout.BIN_SEGMENT_BYTES, 10L);
        bins.put(ObjectLayout.BIN_TOTAL_BYTES, 30L);
        bins.put(ObjectLayout.BIN_WRITE_ID, WRITE_ID);
        bins.put(ObjectLayout.BIN_PIN, false);
        return bins;
    }

    /** One meta record with the server's generation check on delete; a hook plays another process's write. */
    private static final class OneMetaRecord implements VictimDelete.Records {
        Map<String, Object> bins;
        int generation;
        Runnable betweenReadAndDelete = () -> { };
        TernException deleteFailure;
        int deleteAttempts;
        final List<String> segmentsDeletedOf = new ArrayList<>();

        void store(Map<String, Object> newBins, int newGeneration) {
            bins = new HashMap<>(newBins);
            generation = newGeneration;
        }

        @Override
        public CompletableFuture<Record> readMetaHeader(String objectKey) {
            Record record = bins == null ? null : new Record(new HashMap<>(bins), generation, 0);
            betweenReadAndDelete.run();
            return CompletableFuture.completedFuture(record);
        }

        @Override
        public CompletableFuture<Boolean> deleteMeta(String objectKey, int expectedGeneration) {
            deleteAttempts++;
            if (deleteFailure != null) {
                return CompletableFuture.failedFuture(deleteFailure);
            }
            if (bins == null) {
                return CompletableFuture.completedFuture(false);
            }
            if (generation != expectedGeneration) {
                return CompletableFuture.failedFuture(
                        new TernException(ResultCode.GENERATION_ERROR, "delete", null, false));
            }
            bins = null;
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletableFuture<Void> deleteSegments(String objectKey, MetaRecord meta) {
            segmentsDeletedOf.add(objectKey);
            return CompletableFuture.completedFuture(null);
        }
    }
}
