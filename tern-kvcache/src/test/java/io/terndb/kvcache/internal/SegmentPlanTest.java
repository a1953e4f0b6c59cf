package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SegmentPlanTest {

    private static final long MIB = 1024 * 1024;
    private static final long TARGET_AT_ONE_MIB_CAP = MIB - RecordCap.MARGIN_BYTES;

    @Test
    void cutsEvenlyAsLmcacheDoes() {
        SegmentPlan plan = SegmentPlan.of(32 * MIB, TARGET_AT_ONE_MIB_CAP);

        assertThat(plan.segmentCount()).isEqualTo(35);
        assertThat(plan.segmentBytes()).isEqualTo((int) ((32 * MIB + 34) / 35));
        assertThat(plan.length(34)).isEqualTo((int) (32 * MIB - 34L * plan.segmentBytes()));
    }

    @Test
    void anObjectOfExactlyTheTargetIsOneSegment() {
        SegmentPlan plan = SegmentPlan.of(TARGET_AT_ONE_MIB_CAP, TARGET_AT_ONE_MIB_CAP);

        assertThat(plan.segmentCount()).isOne();
        assertThat(plan.segmentBytes()).isEqualTo((int) TARGET_AT_ONE_MIB_CAP);
        assertThat(SegmentPlan.of(TARGET_AT_ONE_MIB_CAP + 1, TARGET_AT_ONE_MIB_CAP).segmentCount()).isEqualTo(2);
    }

    @Test
    void emptyAndOneByteObjectsAreOneSegment() {
        assertThat(SegmentPlan.of(0, TARGET_AT_ONE_MIB_CAP)).isEqualTo(new SegmentPlan(0, 1, 0));
        assertThat(SegmentPlan.of(1, TARGET_AT_ONE_MIB_CAP)).isEqualTo(new SegmentPlan(1, 1, 1));
    }

    /** Objects of up to 200 targets and a remainder, so the loop below stays short whatever the target. */
    @Property
    void segmentsCoverTheObjectExactlyAndStayWithinTheTarget(
            @ForAll @IntRange(min = 1, max = 8 * 1024 * 1024) int target,
            @ForAll @IntRange(min = 0, max = 200) int wholeTargets, @ForAll @IntRange(min = 0) int remainder) {
        long total = (long) target * wholeTargets + remainder % target;
        SegmentPlan plan = SegmentPlan.of(total, target);

        long covered = 0;
        for (int index = 0; index < plan.segmentCount(); index++) {
            assertThat(plan.offset(index)).isEqualTo(covered);
            assertThat(plan.length(index)).isBetween(total == 0 ? 0 : 1, target);
            covered += plan.length(index);
        }
        assertThat(covered).isEqualTo(total);
        assertThat(plan.segmentCount()).isEqualTo(Math.max(1, (total + target - 1) / target));
    }
}
