package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncPermitsTest {

    @Test
    void runsAtMostThePermittedTasksAndStartsQueuedOnesAsOthersFinish() {
        AsyncPermits permits = new AsyncPermits(2);
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        AtomicInteger started = new AtomicInteger();
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int index = 0; index < 5; index++) {
            results.add(permits.submit(() -> {
                started.incrementAndGet();
                CompletableFuture<Integer> task = new CompletableFuture<>();
                running.add(task);
                return task;
            }));
        }
        assertThat(started).hasValue(2);

        running.get(0).complete(0);
        assertThat(started).hasValue(3);
        assertThat(results.get(0)).isCompletedWithValue(0);

        running.get(1).completeExceptionally(new IllegalStateException("boom"));
        assertThat(results.get(1)).isCompletedExceptionally();
        assertThat(started).hasValue(4);
    }

    @Test
    void aLongQueueOfTasksThatFinishAtOnceDoesNotRecurseThroughTheStack() {
        AsyncPermits permits = new AsyncPermits(1);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        permits.submit(() -> first);
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int index = 0; index < 100_000; index++) {
            int value = index;
            queued.add(permits.submit(() -> CompletableFuture.completedFuture(value)));
        }

        first.complete(-1);

        assertThat(queued).allMatch(CompletableFuture::isDone);
        assertThat(queued.getLast()).isCompletedWithValue(99_999);
    }

    @Test
    void aTaskThatThrowsFailsItsFutureAndReturnsItsPermit() {
        AsyncPermits permits = new AsyncPermits(1);

        CompletableFuture<Integer> failed = permits.submit(() -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<Integer> next = permits.submit(() -> CompletableFuture.completedFuture(7));

        assertThat(failed).isCompletedExceptionally();
        assertThat(next).isCompletedWithValue(7);
    }
}
