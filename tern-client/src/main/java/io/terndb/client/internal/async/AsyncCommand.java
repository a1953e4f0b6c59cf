package io.terndb.client.internal.async;

import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.command.Command;
import java.util.concurrent.CompletableFuture;

/**
 * One async command in flight: the command, its future, and its attempt bookkeeping. Created by the caller,
 * then owned by one event loop (it is the {@link Runnable} handed to that loop, so submitting allocates nothing
 * more).
 */
final class AsyncCommand<T> implements Runnable {

    final Command<T> command;
    final CompletableFuture<T> future = new CompletableFuture<>();
    final LoopState loop;
    final long startNs;
    final long deadlineNs;
    int attempt;
    boolean sent;
    Node node;
    NodeLoopState nodeState;
    AsyncConnection connection;
    /** When the current attempt times out (socket timeout or total deadline, whichever is first). */
    long attemptDeadlineNs = Long.MAX_VALUE;
    /** Position in the loop's {@link InFlightSet} while waiting for a reply, else -1. */
    int activeSlot = -1;
    Throwable lastFailure;
    boolean lastFailureTimeout;

    AsyncCommand(Command<T> command, LoopState loop, long startNs) {
        this.command = command;
        this.loop = loop;
        this.startNs = startNs;
        long totalNs = command.policy().totalTimeoutNs();
        this.deadlineNs = totalNs > 0 ? startNs + totalNs : Long.MAX_VALUE;
    }

    /** Runs on the loop: the command enters it. */
    @Override
    public void run() {
        try {
            loop.start(this);
        } catch (Throwable e) {
            loop.abandon(this, null, e); // as LoopState.guarded, without a lambda per command
        }
    }

    void startAttempt(long nowNs) {
        long socketNs = command.policy().socketTimeoutNs();
        long attemptEndNs = socketNs > 0 ? nowNs + socketNs : Long.MAX_VALUE;
        attemptDeadlineNs = Math.min(attemptEndNs, deadlineNs);
    }

    @SuppressWarnings("unchecked")
    void complete(Object result) {
        future.complete((T) result);
    }
}
