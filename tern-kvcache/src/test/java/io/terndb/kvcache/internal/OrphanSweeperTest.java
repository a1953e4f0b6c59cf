package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which segments are orphans, and that only a second sighting a grace period later makes them due. */
class OrphanSweeperTest {

    private static final String WRITE_ID = "0123456789abcdef";
    private static final String OTHER_WRITE_ID = "fedcba9876543210";
    private static final ObjectKeys KEYS = new ObjectKeys("lmcache", "chunks");

    private final OrphanSweeper sweeper = new OrphanSweeper(null, KEYS, null, 1_000);

    private static Census.Segment segment(String objectKey, String writeId, int index) {
        Key key = KEYS.segment(objectKey, writeId, index);
        return new Census.Segment(new RecordName(objectKey, false, writeId, index), key);
    }

    private static Census census(Map<String, Census.ObjectSummary> objects, Set<String> unreadable,
            List<Census.Segment> segments) {
        return new Census(objects, unreadable, segments, 0, 0, 0);
    }

    @Test
    void segmentsOfACommittedObjectAreNotOrphans() {
        Census.ObjectSummary meta = new Census.ObjectSummary(30, 3, WRITE_ID, 1, false, 0);

        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, WRITE_ID, 2), meta)).isFalse();
    }

    @Test
    void noMetaAnotherWriteIdAnIndexPastTheEndOrAnInlineObjectMakeOrphans() {
        Census.ObjectSummary meta = new Census.ObjectSummary(30, 3, WRITE_ID, 1, false, 0);
        Census.ObjectSummary inline = new Census.ObjectSummary(3, 1, WRITE_ID, 1, false, 0);
        Census.ObjectSummary older = new Census.ObjectSummary(30, 3, "", 1, false, 0);

        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, WRITE_ID, 0), null)).isTrue();
        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, OTHER_WRITE_ID, 0), meta)).isTrue();
        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, WRITE_ID, 3), meta)).isTrue();
        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, WRITE_ID, 0), inline)).isTrue();
        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, "", 1), older)).isFalse();
        assertThat(OrphanSweeper.isOrphan(new RecordName("k", false, WRITE_ID, 1), older)).isTrue();
    }

    @Test
    void anOrphanIsDueOnlyWhenStillOneAGracePeriodAfterItWasFirstSeen() {
        Census withOrphan = census(Map.of(), Set.of(), List.of(segment("lost", WRITE_ID, 0)));

        assertThat(sweeper.observe(withOrphan, 10_000)).isEmpty();
        assertThat(sweeper.observe(withOrphan, 10_999)).isEmpty();
        assertThat(sweeper.observe(withOrphan, 11_000)).containsExactly(segment("lost", WRITE_ID, 0));
    }

    @Test
    void aSegmentWhoseObjectGotCommittedMeanwhileStartsOverIfItEverBecomesAnOrphanAgain() {
        Census.Segment pending = segment("pending", WRITE_ID, 0);
        Census.ObjectSummary committed = new Census.ObjectSummary(30, 3, WRITE_ID, 1, false, 0);

        sweeper.observe(census(Map.of(), Set.of(), List.of(pending)), 0);
        assertThat(sweeper.observe(census(Map.of("pending", committed), Set.of(), List.of(pending)), 5_000))
                .isEmpty();
        assertThat(sweeper.observe(census(Map.of(), Set.of(), List.of(pending)), 6_000)).isEmpty();
    }

    @Test
    void segmentsOfAnUnreadableMetaRecordAreLeftAlone() {
        Census unreadable = census(Map.of(), Set.of("odd"), List.of(segment("odd", WRITE_ID, 0)));

        sweeper.observe(unreadable, 0);

        assertThat(sweeper.observe(unreadable, 5_000)).isEmpty();
    }
}
