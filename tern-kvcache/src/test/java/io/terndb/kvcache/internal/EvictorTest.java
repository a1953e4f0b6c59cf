package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EvictorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_000_000), ZoneOffset.UTC);

    private final UsageTable usage = new UsageTable();
    private final PinTable pins = new PinTable(60_000);
    private final List<String> deleted = new ArrayList<>();
    /** What the fake delete answers for a key other than EVICTED. */
    private final Map<String, VictimDelete.Result> kept = new HashMap<>();
    private final Evictor evictor = new Evictor(usage, pins, this::delete, 100, CLOCK);

    private CompletableFuture<VictimDelete.Result> delete(String objectKey) {
        deleted.add(objectKey);
        return CompletableFuture.completedFuture(kept.getOrDefault(objectKey, VictimDelete.Result.EVICTED));
    }

    /** Ten objects of 10 bytes, "o0" the least recently used. */
    private void fill() {
        Map<String, Census.ObjectSummary> objects = new LinkedHashMap<>();
        for (int index = 0; index < 10; index++) {
            objects.put("o" + index, UsageTableTest.object(10, index + 1));
        }
        usage.applyCensus(UsageTableTest.census(1, objects));
    }

    @Test
    void doesNothingAtOrBelowTheHighWatermark() {
        usage.stored("a", 95, 1);

        assertThat(evictor.evictIfNeeded().join()).isZero();
        assertThat(deleted).isEmpty();
    }

    @Test
    void evictsLeastRecentlyUsedFirstDownToTheLowWatermark() {
        fill();

        assertThat(evictor.evictIfNeeded().join()).isEqualTo(2);

        assertThat(deleted).containsExactly("o0", "o1");
        assertThat(usage.usedBytes()).isEqualTo(80);
    }

    @Test
    void skipsPinnedObjectsAndEvictsTheNextInstead() {
        fill();
        pins.pin("o0", CLOCK.millis());

        evictor.evictIfNeeded().join();

        assertThat(deleted).containsExactly("o1", "o2");
        assertThat(pins.isPinned("o0", CLOCK.millis())).isTrue();
    }

    @Test
    void aFailedDeleteKeepsTheObjectCountedAndReleasesIt() {
        fill();
        Evictor failing = new Evictor(usage, pins,
                key -> CompletableFuture.completedFuture(VictimDelete.Result.FAILED), 100, CLOCK);

        assertThat(failing.evictIfNeeded().join()).isZero();

        assertThat(usage.usedBytes()).isEqualTo(100);
        assertThat(pins.pin("o0", CLOCK.millis())).as("no longer marked as being evicted").isTrue();
    }

    @Test
    void aVictimFoundPinnedOnTheServerIsKeptAndNotChosenAgainWhileItsLeaseHolds() {
        fill();
        long leaseEndMs = CLOCK.millis() + 60_000;
        kept.put("o0", new VictimDelete.Result(VictimDelete.Outcome.PINNED, leaseEndMs));

        assertThat(evictor.evictIfNeeded().join()).as("o1 only; o0 was kept").isEqualTo(1);
        assertThat(usage.usedBytes()).isEqualTo(90);

        usage.stored("new", 10, CLOCK.millis());
        assertThat(evictor.evictIfNeeded().join()).isEqualTo(2);
        assertThat(deleted).containsExactly("o0", "o1", "o2", "o3");
        assertThat(usage.leastRecentlyUsed(leaseEndMs + ServerPins.CLOCK_MARGIN_MS)).startsWith("o0");
    }

    @Test
    void aVictimWhoseMetaRecordChangedBeforeItsDeleteIsKeptAndStillCounted() {
        fill();
        kept.put("o0", VictimDelete.Result.CHANGED);

        assertThat(evictor.evictIfNeeded().join()).isEqualTo(1);

        assertThat(usage.usedBytes()).isEqualTo(90);
        assertThat(usage.leastRecentlyUsed(CLOCK.millis())).as("a changed record may be re-pinned: chosen again")
                .startsWith("o0", "o2");
    }
}
