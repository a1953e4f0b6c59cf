package io.terndb.tools.bench;

import java.io.PrintWriter;
import java.util.Locale;

/** Runs the whole workload on one peer: connect, load every key, warm up, measure, close. */
final class PeerRun {
    private final Workload workload;
    private final byte[] value;
    private final PrintWriter out;
    private final PrintWriter err;

    PeerRun(Workload workload, byte[] value, PrintWriter out, PrintWriter err) {
        this.workload = workload;
        this.value = value;
        this.out = out;
        this.err = err;
    }

    PeerOutcome run(Peer peer, TargetConnector connector) throws InterruptedException {
        String slug = peer.kind().optionName();
        out.printf(Locale.ROOT, "%n== %s at %s (%s) ==%n", peer.name(), peer.address(), peer.kind().client());
        out.flush();
        try (PeerTarget target = connector.connect(peer.address(), workload, value)) {
            long loadNs = new LoadPhase(workload).run(target, slug);
            out.printf(Locale.ROOT, "load: %d keys in %.2f s (%.0f writes/s)%n",
                    workload.keys(), loadNs / 1e9, workload.keys() * 1e9 / loadNs);
            out.printf(Locale.ROOT, "warm-up %s, then measuring %s...%n",
                    Durations.text(workload.warmup()), Durations.text(workload.measured()));
            out.flush();
            Measurement measurement = new MixedPhase(workload).run(target, slug);
            printMeasurement(peer, measurement);
            return new PeerOutcome.Measured(peer, loadNs, measurement);
        } catch (TargetUnavailableException e) {
            err.println(peer.name() + " not measured: " + e.getMessage());
            err.flush();
            return new PeerOutcome.Unavailable(peer, e.getMessage());
        }
    }

    private void printMeasurement(Peer peer, Measurement measurement) {
        out.printf(Locale.ROOT, "%s: %.0f ops/s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us, %d errors, %d read misses%n",
                peer.name(), measurement.opsPerSecond(), measurement.p50Us(), measurement.p99Us(),
                measurement.p999Us(), measurement.errors(), measurement.misses());
        if (measurement.firstError() != null) {
            out.println("first error: " + measurement.firstError());
        }
        out.flush();
    }
}
