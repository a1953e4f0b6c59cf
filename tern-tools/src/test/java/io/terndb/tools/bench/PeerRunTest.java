package io.terndb.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerRunTest {
    private final Workload workload = new Workload(2, 100, 8, 50, Duration.ZERO, Duration.ofMillis(100), 1);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final PeerRun run =
            new PeerRun(workload, workload.randomValue(), new PrintWriter(out, true), new PrintWriter(err, true));
    private final Peer peer = new Peer(TargetKind.REDIS, "Redis", new HostPort("127.0.0.1", 1));

    @Test
    void measuresReachableTargetAndClosesIt() throws Exception {
        FakeTarget target = new FakeTarget(workload.keys(), false);

        PeerOutcome outcome = run.run(peer, (address, runWorkload, value) -> target);

        assertThat(outcome).isInstanceOf(PeerOutcome.Measured.class);
        assertThat(target.closes.get()).isEqualTo(1);
        assertThat(out.toString()).contains("load: 100 keys", "Redis: ");
    }

    @Test
    void reportsUnreachableTargetAsUnavailableWithTheReason() throws Exception {
        PeerOutcome outcome = run.run(peer, (address, runWorkload, value) -> {
            throw new TargetUnavailableException("cannot connect to Redis at " + address + ": refused");
        });

        assertThat(outcome)
                .isEqualTo(new PeerOutcome.Unavailable(peer, "cannot connect to Redis at 127.0.0.1:1: refused"));
        assertThat(err.toString()).contains("Redis not measured: cannot connect");
    }

    @Test
    void summaryShowsUnavailableTargetAndNoRatios() {
        List<PeerOutcome> outcomes = List.of(new PeerOutcome.Unavailable(peer, "refused"));

        String summary = SummaryTable.format(workload, "test JVM", outcomes);

        assertThat(summary).contains("| Redis | 127.0.0.1:1 | Jedis | n/a |", "Redis not measured: refused");
        assertThat(SummaryTable.ratios(outcomes)).isEmpty();
    }
}
