package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageTableTest {

    private final UsageTable usage = new UsageTable();

    static Census census(long startedAtMs, Map<String, Census.ObjectSummary> objects) {
        return new Census(objects, Set.of(), List.of(), 0, 0, startedAtMs);
    }

    static Census.ObjectSummary object(long bytes, long createdAtSeconds) {
        return new Census.ObjectSummary(bytes, 3, "0123456789abcdef", createdAtSeconds, false);
    }

    @Test
    void aCensusGivesTheUsageAndOrdersUnseenObjectsByTheirCreationTime() {
        usage.applyCensus(census(100_000, Map.of("new", object(10, 90), "old", object(20, 10),
                "middle", object(30, 50))));

        assertThat(usage.usedBytes()).isEqualTo(60);
        assertThat(usage.objectCount()).isEqualTo(3);
        assertThat(usage.leastRecentlyUsed()).containsExactly("old", "middle", "new");
    }

    @Test
    void aLoadMakesAnObjectTheMostRecentlyUsed() {
        usage.applyCensus(census(100_000, Map.of("a", object(10, 10), "b", object(10, 20))));

        usage.used("a", 200_000);

        assertThat(usage.leastRecentlyUsed()).containsExactly("b", "a");
    }

    @Test
    void aCensusKeepsLocalRecencyAndObjectsStoredWhileItRan() {
        usage.stored("early", 5, 1_000);
        usage.stored("during", 7, 60_000);
        usage.used("early", 70_000);

        usage.applyCensus(census(50_000, Map.of("early", object(5, 1), "other", object(100, 40))));

        assertThat(usage.usedBytes()).isEqualTo(5 + 7 + 100);
        assertThat(usage.leastRecentlyUsed()).containsExactly("other", "during", "early");
    }

    @Test
    void anObjectGoneFromTheServerLeavesTheTableAtTheNextCensus() {
        usage.stored("evicted-elsewhere", 5, 1_000);

        usage.applyCensus(census(2_000, Map.of()));

        assertThat(usage.usedBytes()).isZero();
        assertThat(usage.objectCount()).isZero();
    }

    @Test
    void aCensusThatBeganBeforeADeleteDoesNotBringTheObjectBack() {
        usage.stored("deleted", 5, 1_000);
        usage.removed("deleted", 3_000);

        usage.applyCensus(census(2_000, Map.of("deleted", object(5, 1))));

        assertThat(usage.objectCount()).isZero();
    }

    @Test
    void objectsPinnedOnTheServerAndUnkeyedOnesCountButAreNeverCandidates() {
        Census.ObjectSummary pinned = new Census.ObjectSummary(10, 1, "0123456789abcdef", 1, true);
        usage.applyCensus(new Census(Map.of("pinned", pinned, "plain", object(10, 2)), Set.of(), List.of(), 2, 30,
                5_000));

        assertThat(usage.usedBytes()).isEqualTo(50);
        assertThat(usage.objectCount()).isEqualTo(4);
        assertThat(usage.leastRecentlyUsed()).containsExactly("plain");
    }
}
