package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The byte budget next to the permit count: tasks are held back until their bytes fit. */
class AsyncPermitsBudgetTest {

    private final List<CompletableFuture<Long>> running = new ArrayList<>();
    private final List<Long> startedBytes = new ArrayList<>();

    private CompletableFuture<Long> submit(AsyncPermits permits, long bytes) {
        return permits.submit(bytes, () -> {
            CompletableFuture<Long> task = new CompletableFuture<>();
            running.add(task);
            startedBytes.add(bytes);
            return task;
        });
    }

    @Test
    void holdsTasksBackUntilTheirBytesFitTheBudget() {
        AsyncPermits permits = new AsyncPermits(8, 100);

        submit(permits, 60);
        submit(permits, 30);
        submit(permits, 20);

        assertThat(startedBytes).containsExactly(60L, 30L);
        assertThat(permits.runningBytes()).isEqualTo(90);

        running.getFirst().complete(60L);

        assertThat(startedBytes).containsExactly(60L, 30L, 20L);
        assertThat(permits.runningBytes()).isEqualTo(50);
    }

    @Test
    void aTaskLargerThanTheWholeBudgetRunsAloneInsteadOfWaitingForever() {
        AsyncPermits permits = new AsyncPermits(8, 100);
        submit(permits, 10);
        CompletableFuture<Long> oversized = submit(permits, 250);
        submit(permits, 10);

        assertThat(startedBytes).as("the oversized task waits for the running one").containsExactly(10L);

        running.getFirst().complete(10L);
        assertThat(startedBytes).as("then runs alone").containsExactly(10L, 250L);

        running.get(1).complete(250L);
        assertThat(oversized).isCompletedWithValue(250L);
        assertThat(startedBytes).containsExactly(10L, 250L, 10L);
    }

    @Test
    void keepsArrivalOrderSoALargeTaskIsNotOvertakenBySmallOnes() {
        AsyncPermits permits = new AsyncPermits(8, 100);
        submit(permits, 50);
        submit(permits, 80);
        submit(permits, 10);

        assertThat(startedBytes).containsExactly(50L);
    }

    @Test
    void neverExceedsThePermitsOrTheBudgetUnderRandomCompletions() {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom random = new SplittableRandom(seed);
        AsyncPermits permits = new AsyncPermits(3, 1_000);
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int index = 0; index < 200; index++) {
            results.add(submit(permits, random.nextLong(0, 700)));
        }
        while (!results.stream().allMatch(CompletableFuture::isDone)) {
            assertThat(permits.running()).as("seed %d", seed).isBetween(1, 3);
            assertThat(permits.runningBytes()).as("seed %d", seed).isLessThanOrEqualTo(1_000);
            List<CompletableFuture<Long>> open = running.stream().filter(task -> !task.isDone()).toList();
            open.get(random.nextInt(open.size())).complete(0L);
        }
        assertThat(permits.running()).isZero();
        assertThat(permits.runningBytes()).isZero();
    }
}
