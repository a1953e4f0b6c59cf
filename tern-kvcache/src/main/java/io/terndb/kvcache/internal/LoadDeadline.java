package io.terndb.kvcache.internal;

import io.terndb.kvcache.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The deadline of one load call: at {@code deadlineMs} after the call, every key whose copy has not begun is
 * closed off ({@link CopyGate}) and answered {@link LoadResult#TIMED_OUT}. Keys that finished earlier keep their
 * result (completing a done future is a no-op). The I/O is not cancelled: it ends at its read timeout, holding
 * its permit until then, so the in-flight limits keep counting it.
 */
public final class LoadDeadline {

    private final List<CopyGate> gates;

    public LoadDeadline(int keys) {
        gates = new ArrayList<>(keys);
        for (int index = 0; index < keys; index++) {
            gates.add(new CopyGate());
        }
    }

    public CopyGate gate(int index) {
        return gates.get(index);
    }

    /** Answers the unfinished keys' results at the deadline; call after starting the loads. */
    public void arm(long deadlineMs, List<CompletableFuture<LoadResult>> results) {
        // Run on the JDK's timer thread itself: a busy common pool must not push the deadline back.
        Executor timer = CompletableFuture.delayedExecutor(deadlineMs, TimeUnit.MILLISECONDS, Runnable::run);
        timer.execute(() -> {
            for (int index = 0; index < gates.size(); index++) {
                if (gates.get(index).close()) {
                    results.get(index).complete(LoadResult.TIMED_OUT);
                }
            }
        });
    }
}
