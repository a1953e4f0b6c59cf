package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageTableTest {

    /** Later than every census and use in these tests. */
    private static final long NOW_MS = 1_000_000;

    private final UsageTable usage = new UsageTable();

    static Census census(long startedAtMs, Map<String, Census.ObjectSummary> objects) {
        return new Census(objects, Set.of(), List.of(), 0, 0, startedAtMs);
    }

    static Census.ObjectSummary object(long bytes, long createdAtSeconds) {
        return new Census.ObjectSummary(bytes, 3, "0123456789abcdef", createdAtSeconds, false, 0);
    }

    @Test
    void aCensusGivesTheUsageAndOrdersUnseenObjectsByTheirCreationTime() {
        usage.applyCensus(census(100_000, Map.of("new", object(10, 90), "old", object(20, 10),
                "middle", object(30, 50))));

        assertThat(usage.usedBytes()).isEqualTo(60);
        assertThat(usage.objectCount()).isEqualTo(3);
        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("old", "middle", "new");
    }

    @Test
    void aLoadMakesAnObjectTheMostRecentlyUsed() {
        usage.applyCensus(census(100_000, Map.of("a", object(10, 10), "b", object(10, 20))));

        usage.used("a", 200_000);

        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("b", "a");
    }

    @Test
    void aCensusKeepsLocalRecencyAndObjectsStoredWhileItRan() {
        usage.stored("early", 5, 1_000);
        usage.stored("during", 7, 60_000);
        usage.used("early", 70_000);

        usage.applyCensus(census(50_000, Map.of("early", object(5, 1), "other", object(100, 40))));

        assertThat(usage.usedBytes()).isEqualTo(5 + 7 + 100);
        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("other", "during", "early");
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
        Census.ObjectSummary pinned = new Census.ObjectSummary(10, 1, "0123456789abcdef", 1, true, 0);
        usage.applyCensus(new Census(Map.of("pinned", pinned, "plain", object(10, 2)), Set.of(), List.of(), 2, 30,
                5_000));

        assertThat(usage.usedBytes()).isEqualTo(50);
        assertThat(usage.objectCount()).isEqualTo(4);
        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("plain");
    }

    @Test
    void anObjectLeasedOnTheServerIsNoCandidateUntilTheLeaseAndTheClockMarginPass() {
        long leaseEndMs = NOW_MS + 500;
        Census.ObjectSummary leased = new Census.ObjectSummary(10, 3, "0123456789abcdef", 1, false, leaseEndMs);
        usage.applyCensus(census(5_000, Map.of("leased", leased, "plain", object(10, 2))));

        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("plain");
        assertThat(usage.leastRecentlyUsed(leaseEndMs + ServerPins.CLOCK_MARGIN_MS - 1)).containsExactly("plain");
        assertThat(usage.leastRecentlyUsed(leaseEndMs + ServerPins.CLOCK_MARGIN_MS))
                .containsExactly("leased", "plain");
    }

    @Test
    void aLeaseAnEvictionFoundKeepsTheObjectOutOfLaterRunsUntilItEnds() {
        usage.applyCensus(census(5_000, Map.of("a", object(10, 1), "b", object(10, 2))));

        usage.leasedOnServer("a", NOW_MS + 500);

        assertThat(usage.leastRecentlyUsed(NOW_MS)).containsExactly("b");
        assertThat(usage.leastRecentlyUsed(NOW_MS + 500 + ServerPins.CLOCK_MARGIN_MS)).containsExactly("a", "b");
    }
}
