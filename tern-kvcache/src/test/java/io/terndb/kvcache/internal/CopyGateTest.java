package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CopyGateTest {

    @Test
    void afterTheDeadlineClosesTheGateNoCopyMayBegin() {
        CopyGate gate = new CopyGate();

        assertThat(gate.close()).isTrue();
        assertThat(gate.tryBeginCopy()).isFalse();
    }

    @Test
    void theDeadlineWaitsForTheCopyUnderWayThenRefusesTheNext() throws Exception {
        CopyGate gate = new CopyGate();
        assertThat(gate.tryBeginCopy()).isTrue();

        CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(gate::close);
        Thread.sleep(50);

        assertThat(closed).isNotDone();
        gate.endCopy();
        assertThat(closed.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.tryBeginCopy()).isFalse();
        assertThat(gate.isClosed()).isTrue();
        assertThat(gate.close()).isFalse();
    }

    @Test
    void copiesOfSeveralSegmentsMayRunTogetherBeforeTheDeadline() {
        CopyGate gate = new CopyGate();

        assertThat(gate.tryBeginCopy()).isTrue();
        assertThat(gate.tryBeginCopy()).isTrue();
        gate.endCopy();
        gate.endCopy();

        assertThat(gate.close()).isTrue();
    }

    @Test
    void theGateOfLoadsWithoutDeadlineNeverCloses() {
        assertThat(CopyGate.ALWAYS_OPEN.close()).isFalse();
        assertThat(CopyGate.ALWAYS_OPEN.tryBeginCopy()).isTrue();
        assertThat(CopyGate.ALWAYS_OPEN.tryBeginCopy()).isTrue();
    }
}
