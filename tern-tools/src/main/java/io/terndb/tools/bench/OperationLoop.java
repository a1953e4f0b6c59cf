package io.terndb.tools.bench;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Recorder;

/**
 * One closed-loop client thread: picks a key and an operation, times it, records the latency, repeats until
 * stopped. Only operations that complete are recorded; failures are counted instead.
 */
final class OperationLoop implements Runnable {
    private final PeerTarget target;
    private final Workload workload;
    private final SplittableRandom random;
    private final Recorder latencies;
    private final OperationCounters counters;
    private final AtomicBoolean stop;

    OperationLoop(PeerTarget target, Workload workload, SplittableRandom random, Recorder latencies,
            OperationCounters counters, AtomicBoolean stop) {
        this.target = target;
        this.workload = workload;
        this.random = random;
        this.latencies = latencies;
        this.counters = counters;
        this.stop = stop;
    }

    @Override
    public void run() {
        while (!stop.get()) {
            int key = random.nextInt(workload.keys());
            boolean read = random.nextInt(100) < workload.readPercent();
            long startNs = System.nanoTime();
            try {
                if (read) {
                    if (!target.read(key)) {
                        counters.miss();
                    }
                } else {
                    target.update(key);
                }
                long latencyNs = System.nanoTime() - startNs;
                latencies.recordValue(Math.min(latencyNs, MixedPhase.LATENCY_NS_MAX));
            } catch (RuntimeException e) {
                counters.error(e);
            }
        }
    }
}
