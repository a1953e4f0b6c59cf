package io.terndb.testkit;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a deadline passes. Tests use it instead of sleeping a fixed time: they go on
 * as soon as the server got there, and fail with a description of what never happened.
 */
public final class Await {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Await() {
    }

    /**
     * Evaluates {@code probe} until {@code accepted} holds for its value and returns that value.
     *
     * @throws AssertionError naming {@code what} and the last value seen, if {@code timeout} passes first
     */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe, Predicate<? super T> accepted) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            T value = probe.get();
            if (accepted.test(value)) {
                return value;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what
                        + "; last value: " + value);
            }
            pause();
        }
    }

    /** Waits until {@code condition} returns true. */
    public static void until(String what, Duration timeout, Supplier<Boolean> condition) {
        until(what, timeout, condition, Boolean.TRUE::equals);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
