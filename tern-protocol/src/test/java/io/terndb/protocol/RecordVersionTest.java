package io.terndb.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordVersionTest {

    @Test
    void generationPolicyComparesGenerationsDirectlyThenTime() {
        assertThat(RecordVersion.GENERATION.compare(3, 100, 4, 50)).isPositive();
        assertThat(RecordVersion.GENERATION.compare(4, 50, 3, 100)).isNegative();
        assertThat(RecordVersion.GENERATION.compare(3, 100, 3, 101)).isPositive();
        assertThat(RecordVersion.GENERATION.compare(3, 100, 3, 100)).isZero();
        // Direct: a wrapped generation 1 loses to 65535 even though it is "one step ahead".
        assertThat(RecordVersion.GENERATION.compare(65535, 100, 1, 200)).isNegative();
    }

    @Test
    void lastUpdateTimePolicyComparesTimeThenGenerationsWrapping() {
        assertThat(RecordVersion.LAST_UPDATE_TIME.compare(9, 100, 2, 101)).isPositive();
        assertThat(RecordVersion.LAST_UPDATE_TIME.compare(2, 101, 9, 100)).isNegative();
        assertThat(RecordVersion.LAST_UPDATE_TIME.compare(65535, 100, 1, 100)).isPositive();
        assertThat(RecordVersion.LAST_UPDATE_TIME.compare(1, 100, 65535, 100)).isNegative();
        assertThat(RecordVersion.LAST_UPDATE_TIME.compare(7, 100, 7, 100)).isZero();
    }

    @Test
    void wrappingComparisonSplitsTheRangeInHalves() {
        assertThat(RecordVersion.compareGenerationsWrapping(10, 10 + 32767)).isPositive();
        assertThat(RecordVersion.compareGenerationsWrapping(10, 10 + 32768)).isNegative();
        assertThat(RecordVersion.compareGenerationsWrapping(65000, 100)).isPositive();
    }

    @Test
    void remoteWinsOnlyWhenStrictlyNewer() {
        assertThat(RecordVersion.GENERATION.remoteWins(2, 5, 2, 5)).isFalse();
        assertThat(RecordVersion.GENERATION.remoteWins(2, 5, 3, 1)).isTrue();
    }
}
