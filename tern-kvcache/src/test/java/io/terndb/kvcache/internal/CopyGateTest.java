package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CopyGateTest {

    @Test
    void afterTheDeadlineClosesTheGateNoCopyMayBegin() {
        CopyGate gate = new CopyGate();

        assertThat(gate.close()).isTrue();
        assertThat(gate.tryBeginCopy()).isFalse();
    }

    @Test
    void aCopyUnderWayKeepsTheDeadlineFromReportingATimeout() {
        CopyGate gate = new CopyGate();

        assertThat(gate.tryBeginCopy()).isTrue();
        assertThat(gate.close()).isFalse();
    }

    @Test
    void theGateOfLoadsWithoutDeadlineNeverCloses() {
        assertThat(CopyGate.ALWAYS_OPEN.close()).isFalse();
        assertThat(CopyGate.ALWAYS_OPEN.tryBeginCopy()).isTrue();
        assertThat(CopyGate.ALWAYS_OPEN.tryBeginCopy()).isTrue();
    }
}
