package io.terndb.tools.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Writes every key once, split across the workload's threads, so that every later read hits. */
final class LoadPhase {
    /** Past this many failed writes the target is given up on: a dead server must not stall the run. */
    static final int ERRORS_MAX = 100;

    private final Workload workload;

    LoadPhase(Workload workload) {
        this.workload = workload;
    }

    /** Returns the load's duration in nanoseconds. */
    long run(PeerTarget target, String name) throws TargetUnavailableException, InterruptedException {
        OperationCounters counters = new OperationCounters();
        AtomicBoolean abort = new AtomicBoolean();
        long startNs = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int index = 0; index < workload.threads(); index++) {
            int first = index;
            threads.add(Thread.ofPlatform().name("load-" + name + "-" + index)
                    .start(() -> insertEvery(target, first, counters, abort)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsedNs = System.nanoTime() - startNs;
        if (counters.errors() > 0) {
            throw new TargetUnavailableException("load of " + name + " failed " + counters.errors()
                    + " writes; first: " + counters.firstError());
        }
        return elapsedNs;
    }

    private void insertEvery(PeerTarget target, int first, OperationCounters counters, AtomicBoolean abort) {
        for (int key = first; key < workload.keys() && !abort.get(); key += workload.threads()) {
            try {
                target.update(key);
            } catch (RuntimeException e) {
                counters.error(e);
                if (counters.errors() >= ERRORS_MAX) {
                    abort.set(true);
                }
            }
        }
    }
}
