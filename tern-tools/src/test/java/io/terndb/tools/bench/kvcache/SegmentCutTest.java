package io.terndb.tools.bench.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SegmentCutTest {

    @Test
    void cutsEvenlyWithAShorterLastSegment() {
        SegmentCut cut = SegmentCut.of(14 * 1024 * 1024, 983_040);

        assertThat(cut.count()).isEqualTo(15);
        assertThat(cut.segmentBytes()).isEqualTo(978_671);
        assertThat(cut.length(14)).isEqualTo(14 * 1024 * 1024 - 14 * 978_671);
    }

    @Test
    void smallObjectIsOneSegment() {
        assertThat(SegmentCut.of(1000, 983_040)).isEqualTo(new SegmentCut(1000, 1, 1000));
    }
}
