package io.terndb.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTableTest {
    private final Workload workload =
            new Workload(32, 100_000, 100, 50, Duration.ofSeconds(5), Duration.ofSeconds(20), 42);
    private final Peer terndb = new Peer(TargetKind.AEROSPIKE, "TernDB", new HostPort("127.0.0.1", 3000));
    private final Peer redis = new Peer(TargetKind.REDIS, "Redis", new HostPort("127.0.0.1", 6379));

    private static Measurement measurement(double opsPerSecond, double p50Us, double p99Us) {
        return new Measurement(1_000, opsPerSecond, p50Us, p99Us, p99Us * 2, 0, 0, null);
    }

    @Test
    void printsOneMarkdownRowPerTargetAndTheTernDbOverRedisRatios() {
        List<PeerOutcome> outcomes = List.of(
                new PeerOutcome.Measured(terndb, 1, measurement(80_000, 150.0, 900.0)),
                new PeerOutcome.Measured(redis, 1, measurement(100_000, 100.0, 600.0)));

        String summary = SummaryTable.format(workload, "test JVM", outcomes);

        assertThat(summary).contains(
                "- workload: 32 threads, 100000 keys, 100-byte values, 50% reads / 50% updates, warm-up 5 s, "
                        + "measured 20 s, seed 42",
                "| TernDB | 127.0.0.1:3000 | Aerospike Java client | 80000 | 150.0 | 900.0 | 1800.0 | 0 | 0 |",
                "| Redis | 127.0.0.1:6379 | Jedis | 100000 | 100.0 | 600.0 | 1200.0 | 0 | 0 |",
                "| TernDB / Redis | 0.80 | 1.50 | 1.50 |");
    }

    @Test
    void leavesRatiosOutWhenOnlyOneTargetWasMeasured() {
        List<PeerOutcome> outcomes = List.of(new PeerOutcome.Measured(redis, 1, measurement(100_000, 100.0, 600.0)));

        assertThat(SummaryTable.ratios(outcomes)).isEmpty();
        assertThat(SummaryTable.format(workload, "test JVM", outcomes)).doesNotContain("| ratio |");
    }
}
