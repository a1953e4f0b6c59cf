package io.terndb.kvcache.internal;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs at most {@code permits} asynchronous tasks at once and queues the rest, without blocking any thread:
 * a finishing task starts the next. Invariant: every path that adds a task or returns a permit then drains, so
 * a queued task never waits while a permit is free.
 */
public final class AsyncPermits {

    private final Queue<Runnable> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger available;

    public AsyncPermits(int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits=" + permits + " must be >= 1");
        }
        available = new AtomicInteger(permits);
    }

    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        waiting.add(() -> start(task, result));
        drain();
        return result;
    }

    private <T> void start(Supplier<CompletableFuture<T>> task, CompletableFuture<T> result) {
        CompletableFuture<T> running;
        try {
            running = task.get();
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        running.whenComplete((value, failure) -> {
            available.incrementAndGet();
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
            drain();
        });
    }

    private void drain() {
        while (!waiting.isEmpty()) {
            int free = available.get();
            if (free == 0) {
                return;
            }
            if (!available.compareAndSet(free, free - 1)) {
                continue;
            }
            Runnable next = waiting.poll();
            if (next == null) {
                available.incrementAndGet();
                continue;
            }
            next.run();
        }
    }
}
