package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.kvcache.DeleteOutcome;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
    private final Evictor evictor = new Evictor(usage, pins, this::delete, 100, CLOCK);

    private CompletableFuture<DeleteOutcome> delete(String objectKey) {
        deleted.add(objectKey);
        return CompletableFuture.completedFuture(DeleteOutcome.DELETED);
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
        Evictor failing = new Evictor(usage, pins, key -> CompletableFuture.completedFuture(DeleteOutcome.FAILED),
                100, CLOCK);

        assertThat(failing.evictIfNeeded().join()).isZero();

        assertThat(usage.usedBytes()).isEqualTo(100);
        assertThat(pins.pin("o0", CLOCK.millis())).as("no longer marked as being evicted").isTrue();
    }
}
