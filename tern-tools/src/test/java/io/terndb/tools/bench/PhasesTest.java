package io.terndb.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PhasesTest {
    private static final long SEED = 7;

    private static Workload workload(int readPercent) {
        return new Workload(4, 1_000, 16, readPercent, Duration.ofMillis(50), Duration.ofMillis(200), SEED);
    }

    @Test
    void loadWritesEveryKeySoLaterReadsAllHit() throws Exception {
        Workload workload = workload(100);
        FakeTarget target = new FakeTarget(workload.keys(), false);

        new LoadPhase(workload).run(target, "fake");
        Measurement measurement = new MixedPhase(workload).run(target, "fake");

        assertThat(target.allWritten()).isTrue();
        assertThat(measurement.operations()).isPositive();
        assertThat(measurement.misses()).isZero();
        assertThat(measurement.errors()).isZero();
    }

    @Test
    void mixedPhaseRecordsLatenciesAndStopsItsThreadsByItself() throws Exception {
        Workload workload = workload(50);
        FakeTarget target = new FakeTarget(workload.keys(), false);
        new LoadPhase(workload).run(target, "fake");
        long updatesAfterLoad = target.updates.get();

        Measurement measurement = new MixedPhase(workload).run(target, "fake");
        long operationsAtReturn = target.reads.get() + target.updates.get();
        Thread.sleep(50);

        assertThat(target.reads.get() + target.updates.get()).isEqualTo(operationsAtReturn);
        assertThat(target.reads.get()).isPositive();
        assertThat(target.updates.get()).isGreaterThan(updatesAfterLoad);
        assertThat(measurement.opsPerSecond()).isPositive();
        assertThat(measurement.p50Us()).isLessThanOrEqualTo(measurement.p99Us());
        assertThat(measurement.p99Us()).isLessThanOrEqualTo(measurement.p999Us());
    }

    @Test
    void readsThatFindNothingAreCountedAsMisses() throws Exception {
        Workload workload = workload(100);

        Measurement measurement = new MixedPhase(workload).run(new FakeTarget(workload.keys(), false), "fake");

        // Counters and histogram are reset a moment apart; this fake answers in nanoseconds, so some slack.
        assertThat(measurement.misses()).isPositive().isCloseTo(measurement.operations(), withinPercentage(5));
    }

    @Test
    void failedOperationsAreCountedNotRecordedAndTheFirstIsKeptOnOneLine() throws Exception {
        Workload workload = workload(0);

        Measurement measurement = new MixedPhase(workload).run(new FakeTarget(workload.keys(), true), "fake");

        assertThat(measurement.operations()).isZero();
        assertThat(measurement.errors()).isPositive();
        assertThat(measurement.firstError()).isEqualTo("IllegalStateException: fake failure on two lines");
    }

    @Test
    void loadGivesUpOnTargetThatFailsWrites() {
        Workload workload = workload(50);

        assertThatThrownBy(() -> new LoadPhase(workload).run(new FakeTarget(workload.keys(), true), "fake"))
                .isInstanceOf(TargetUnavailableException.class)
                .hasMessageContaining("fake failure");
    }
}
