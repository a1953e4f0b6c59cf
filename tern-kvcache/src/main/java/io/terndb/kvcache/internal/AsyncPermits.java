package io.terndb.kvcache.internal;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs at most {@code permits} asynchronous tasks at once, whose declared bytes together stay within a byte
 * budget, and queues the rest in arrival order without blocking any thread: a finishing task starts the next.
 * A task declaring more bytes than the whole budget still runs, alone, so an oversized object cannot deadlock.
 * Invariant: every path that adds a task or returns a permit then drains, so a queued task never waits while it
 * would fit.
 *
 * <p>Arrival order is kept (a large task at the head is not overtaken by small ones), so large objects are not
 * starved under a stream of small ones.
 */
public final class AsyncPermits {

    /** A budget that never binds. */
    public static final long UNLIMITED_BYTES = Long.MAX_VALUE;

    private final int permits;
    private final long budgetBytes;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private final AtomicInteger drainRequests = new AtomicInteger();
    private int running;
    private long runningBytes;

    public AsyncPermits(int permits) {
        this(permits, UNLIMITED_BYTES);
    }

    public AsyncPermits(int permits, long budgetBytes) {
        if (permits < 1) {
            throw new IllegalArgumentException("permits=" + permits + " must be >= 1");
        }
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budgetBytes=" + budgetBytes + " must be >= 1");
        }
        this.permits = permits;
        this.budgetBytes = budgetBytes;
    }

    /** A task that holds no bytes of the budget, only a permit. */
    public <T> CompletableFuture<T> submit(Supplier<CompletableFuture<T>> task) {
        return submit(0, task);
    }

    /** A task that holds {@code bytes} of the budget until its future completes. */
    public <T> CompletableFuture<T> submit(long bytes, Supplier<CompletableFuture<T>> task) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes=" + bytes + " must be >= 0");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            waiting.add(new Waiting(bytes, () -> start(bytes, task, result)));
        }
        drain();
        return result;
    }

    /** Tasks running now; for tests and metrics. */
    public synchronized int running() {
        return running;
    }

    /** Budget bytes held by running tasks; for tests and metrics. */
    public synchronized long runningBytes() {
        return runningBytes;
    }

    private <T> void start(long bytes, Supplier<CompletableFuture<T>> task, CompletableFuture<T> result) {
        CompletableFuture<T> started;
        try {
            started = task.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        started.whenComplete((value, failure) -> {
            synchronized (this) {
                running--;
                runningBytes -= bytes;
            }
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
            drain();
        });
    }

    /**
     * Starts what fits. Only one thread drains at a time; a drain requested meanwhile (a task that completed
     * synchronously, another thread's submit) makes that thread go round once more instead of recursing, so a
     * long queue of tasks that finish at once cannot overflow the stack.
     */
    private void drain() {
        if (drainRequests.getAndIncrement() != 0) {
            return;
        }
        int requests = 1;
        do {
            startWhatFits();
            requests = drainRequests.addAndGet(-requests);
        } while (requests != 0);
    }

    private void startWhatFits() {
        while (true) {
            Waiting next;
            synchronized (this) {
                if (waiting.isEmpty() || !fits(waiting.peek().bytes())) {
                    return;
                }
                next = waiting.poll();
                running++;
                runningBytes += next.bytes();
            }
            next.start().run();
        }
    }

    private boolean fits(long bytes) {
        if (running >= permits) {
            return false;
        }
        return runningBytes == 0 || bytes <= budgetBytes - runningBytes;
    }

    private record Waiting(long bytes, Runnable start) {
    }
}
