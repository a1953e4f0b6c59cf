package io.terndb.tools.bench;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The final summary of a run as Markdown, ready to paste into {@code docs/BENCHMARKS.md}. */
final class SummaryTable {
    private static final String NOT_MEASURED = "n/a";

    private SummaryTable() {}

    static String format(Workload workload, String clientMachine, List<PeerOutcome> outcomes) {
        StringBuilder text = new StringBuilder();
        text.append("### Peer benchmark summary\n\n");
        text.append("- workload: ").append(workload.describe()).append('\n');
        text.append("- client JVM: ").append(clientMachine).append('\n');
        text.append("- latency: closed loop, per operation, completed operations only; us = microseconds\n\n");
        text.append("| target | address | client | ops/s | p50 us | p99 us | p99.9 us | errors | read misses |\n");
        text.append("|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (PeerOutcome outcome : outcomes) {
            text.append(row(outcome)).append('\n');
        }
        for (PeerOutcome outcome : outcomes) {
            if (outcome instanceof PeerOutcome.Unavailable(Peer peer, String reason)) {
                text.append("\n").append(peer.name()).append(" not measured: ").append(reason).append('\n');
            }
        }
        ratios(outcomes).ifPresent(ratios -> text.append('\n').append(ratios));
        return text.toString();
    }

    private static String row(PeerOutcome outcome) {
        Peer peer = outcome.peer();
        String start = "| " + peer.name() + " | " + peer.address() + " | " + peer.kind().client() + " | ";
        return switch (outcome) {
            case PeerOutcome.Measured(Peer ignored, long loadNs, Measurement result) -> start + String.format(
                    Locale.ROOT, "%.0f | %.1f | %.1f | %.1f | %d | %d |", result.opsPerSecond(), result.p50Us(),
                    result.p99Us(), result.p999Us(), result.errors(), result.misses());
            case PeerOutcome.Unavailable unavailable -> start + String.join(" | ", List.of(NOT_MEASURED,
                    NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED, NOT_MEASURED)) + " |";
        };
    }

    /** TernDB over Redis: above 1 is better for throughput, below 1 is better for latency. */
    static Optional<String> ratios(List<PeerOutcome> outcomes) {
        Optional<PeerOutcome.Measured> aerospike = measured(outcomes, TargetKind.AEROSPIKE);
        Optional<PeerOutcome.Measured> redis = measured(outcomes, TargetKind.REDIS);
        if (aerospike.isEmpty() || redis.isEmpty()) {
            return Optional.empty();
        }
        Measurement numerator = aerospike.get().measurement();
        Measurement denominator = redis.get().measurement();
        String label = aerospike.get().peer().name() + " / " + redis.get().peer().name();
        return Optional.of("| ratio | throughput (higher is better) | p50 (lower is better) | p99 (lower is better) |\n"
                + "|---|---:|---:|---:|\n"
                + String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", label,
                        numerator.opsPerSecond() / denominator.opsPerSecond(),
                        numerator.p50Us() / denominator.p50Us(),
                        numerator.p99Us() / denominator.p99Us()));
    }

    private static Optional<PeerOutcome.Measured> measured(List<PeerOutcome> outcomes, TargetKind kind) {
        return outcomes.stream()
                .filter(outcome -> outcome.peer().kind() == kind)
                .filter(PeerOutcome.Measured.class::isInstance)
                .map(PeerOutcome.Measured.class::cast)
                .findFirst();
    }
}
