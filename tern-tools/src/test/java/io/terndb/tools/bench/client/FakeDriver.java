package io.terndb.tools.bench.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory driver: a map of written keys; async operations complete on a small executor. */
final class FakeDriver implements ClientDriver {

    final ConcurrentHashMap<Integer, Boolean> written = new ConcurrentHashMap<>();
    final AtomicInteger puts = new AtomicInteger();
    final AtomicInteger gets = new AtomicInteger();
    private final java.util.concurrent.ExecutorService executor = Executors.newFixedThreadPool(2);
    volatile boolean failing;

    @Override
    public void put(int index) {
        check();
        puts.incrementAndGet();
        written.put(index, true);
    }

    @Override
    public boolean get(int index) {
        check();
        gets.incrementAndGet();
        return written.containsKey(index);
    }

    private void check() {
        if (failing) {
            throw new IllegalStateException("fake failure");
        }
    }

    @Override
    public CompletableFuture<Void> putAsync(int index) {
        return CompletableFuture.runAsync(() -> put(index), (Executor) executor);
    }

    @Override
    public CompletableFuture<Boolean> getAsync(int index) {
        return CompletableFuture.supplyAsync(() -> get(index), executor);
    }

    @Override
    public String description() {
        return "fake";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
