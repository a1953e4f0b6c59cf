package io.terndb.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The read/update mix: all threads run through the warm-up and the measured phase without pausing; what the
 * warm-up recorded is thrown away at its end, and the threads stop by themselves at the end of the measured phase.
 */
final class MixedPhase {
    /** Latencies above this are recorded as this; no real operation should come near it. */
    static final long LATENCY_NS_MAX = 60_000_000_000L;
    static final int LATENCY_SIGNIFICANT_DIGITS = 3;

    private final Workload workload;

    MixedPhase(Workload workload) {
        this.workload = workload;
    }

    Measurement run(PeerTarget target, String name) throws InterruptedException {
        Recorder latencies = new Recorder(LATENCY_NS_MAX, LATENCY_SIGNIFICANT_DIGITS);
        OperationCounters counters = new OperationCounters();
        AtomicBoolean stop = new AtomicBoolean();
        // Same seed, same per-thread sequences, whatever the target: every peer sees the same keys and mix.
        SplittableRandom seeds = new SplittableRandom(workload.seed());
        List<Thread> threads = new ArrayList<>();
        try {
            for (int index = 0; index < workload.threads(); index++) {
                OperationLoop loop = new OperationLoop(target, workload, seeds.split(), latencies, counters, stop);
                threads.add(Thread.ofPlatform().name("bench-" + name + "-" + index).start(loop));
            }
            Thread.sleep(workload.warmup());
            // Counters and histogram restart a moment apart; against a real server that gap holds next to no ops.
            counters.reset();
            latencies.getIntervalHistogram();
            long startNs = System.nanoTime();
            Thread.sleep(workload.measured());
            stop.set(true);
            joinAll(threads);
            long elapsedNs = System.nanoTime() - startNs;
            Histogram measured = latencies.getIntervalHistogram();
            return Measurement.of(measured, elapsedNs, counters);
        } finally {
            stop.set(true);
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
