package io.terndb.tools.bench.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.kvcache.internal.SegmentPlan;
import org.junit.jupiter.api.Test;

/** The cut the sequential target uses for the benchmark's object sizes, at LMCache's default segment size. */
class SegmentPlanCutTest {

    @Test
    void cutsEvenlyWithAShorterLastSegment() {
        SegmentPlan cut = SegmentPlan.of(14 * 1024 * 1024, 983_040);

        assertThat(cut.segmentCount()).isEqualTo(15);
        assertThat(cut.segmentBytes()).isEqualTo(978_671);
        assertThat(cut.length(14)).isEqualTo(14 * 1024 * 1024 - 14 * 978_671);
    }

    @Test
    void smallObjectIsOneSegment() {
        assertThat(SegmentPlan.of(1000, 983_040)).isEqualTo(new SegmentPlan(1000, 1, 1000));
    }
}
