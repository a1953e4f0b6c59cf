package io.terndb.tools.bench.client;

import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;

/**
 * {@code concurrency} chains of async operations: each completion issues the chain's next operation from the
 * completing (event loop) thread, so exactly {@code concurrency} operations are in flight. With a throughput cap
 * one issuer thread waits for each slot and a permit instead, keeping the event loops free of waits.
 */
final class AsyncLoad implements Load {

    private final BenchSettings settings;
    private final ClientDriver driver;
    private final KeyChooser chooser;
    private final BenchStats stats;
    private final Throttle throttle;
    private final CountDownLatch chainsEnded;
    private final Semaphore permits;
    private volatile boolean stop;
    private Thread issuer;

    AsyncLoad(BenchSettings settings, ClientDriver driver, KeyChooser chooser, BenchStats stats, Throttle throttle) {
        this.settings = settings;
        this.driver = driver;
        this.chooser = chooser;
        this.stats = stats;
        this.throttle = throttle;
        this.chainsEnded = new CountDownLatch(throttle.isOff() ? settings.concurrency() : 1);
        this.permits = new Semaphore(settings.concurrency());
    }

    @Override
    public void start() {
        SplittableRandom seeds = new SplittableRandom(settings.seed());
        if (throttle.isOff()) {
            for (int i = 0; i < settings.concurrency(); i++) {
                issue(seeds.split());
            }
        } else {
            SplittableRandom random = seeds.split();
            issuer = Thread.ofPlatform().name("bench-issuer").start(() -> issueThrottled(random));
        }
    }

    /**
     * Runs an uncapped chain: the completion of each operation issues the next. An operation that completed at
     * once (a failure before sending) is followed in this loop rather than by recursion, so the stack stays flat.
     */
    private void issue(SplittableRandom random) {
        while (true) {
            long operation = stop ? -1 : chooser.next(random);
            if (operation < 0) {
                chainsEnded.countDown();
                return;
            }
            long startNs = System.nanoTime();
            CompletableFuture<Boolean> future = operation(operation);
            if (!future.isDone()) {
                future.whenComplete((found, failure) -> {
                    record(startNs, found, failure);
                    issue(random);
                });
                return;
            }
            future.whenComplete((found, failure) -> record(startNs, found, failure));
        }
    }

    private void issueThrottled(SplittableRandom random) {
        try {
            while (!stop) {
                permits.acquire();
                throttle.acquire();
                long operation = chooser.next(random);
                if (operation < 0) {
                    permits.release();
                    break;
                }
                long startNs = System.nanoTime();
                operation(operation).whenComplete((found, failure) -> {
                    record(startNs, found, failure);
                    permits.release();
                });
            }
            permits.acquire(settings.concurrency()); // all in flight have completed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            chainsEnded.countDown();
        }
    }

    private CompletableFuture<Boolean> operation(long operation) {
        int key = (int) (operation & 0xFFFF_FFFFL);
        try {
            return (operation & KeyChooser.UPDATE) != 0 ? driver.putAsync(key).thenApply(ignored -> Boolean.TRUE)
                    : driver.getAsync(key);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void record(long startNs, Boolean found, Throwable failure) {
        if (failure != null) {
            stats.error(failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure);
            return;
        }
        if (!found) {
            stats.miss();
        }
        stats.completed(System.nanoTime() - startNs);
    }

    @Override
    public boolean isDone() {
        return chainsEnded.getCount() == 0;
    }

    @Override
    public void stopAndAwait() throws InterruptedException {
        stop = true;
        chainsEnded.await();
        if (issuer != null) {
            issuer.join();
        }
    }
}
