package io.terndb.client.internal.async;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.terndb.client.ClientResultCode;
import io.terndb.client.TernException;
import io.terndb.client.TernTimeoutException;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.command.Command;
import io.terndb.client.internal.metrics.Metrics;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything one event loop owns: its commands in flight (at most {@code maxInFlight}), the bounded queue of
 * commands waiting for a slot, per node its connections and share of the per-node limit, one encode buffer and
 * one reply parser. Only {@link #admit} runs on other threads; everything else runs on the loop, so no locks.
 *
 * <p>Backpressure: a caller's command is admitted only while in-flight plus waiting stay within
 * {@code maxInFlight + waitQueueCapacity}; otherwise it fails at once and nothing is allocated for it on the loop.
 * Sockets are bounded by the per-node share, memory by the admitted count.
 */
final class LoopState {

    /** How often the loop looks for commands past their deadline. */
    static final long TIMEOUT_SWEEP_MS = 5;
    /** How often the loop closes connections idle longer than {@code maxIdle} or to nodes that left. */
    static final long TRIM_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    final int index;
    final EventLoop eventLoop;
    final CommandBuffer encodeBuffer = new CommandBuffer();
    final ReplyParser parser = new ReplyParser();
    private final AsyncEngine engine;
    private final Cluster cluster;
    private final Metrics metrics;
    private final Bootstrap bootstrap;
    private final int maxInFlight;
    private final int maxPerNode;
    private final int admittedMax;
    private final AtomicInteger admitted = new AtomicInteger();
    private final ArrayDeque<AsyncCommand<?>> waiting = new ArrayDeque<>();
    private final InFlightSet active = new InFlightSet();
    /** Every node this loop has talked to, for idle trimming. */
    private final java.util.List<NodeLoopState> nodeStates = new java.util.ArrayList<>();
    private final long maxIdleNs;
    private long nextTrimNs;
    private int inFlight;

    LoopState(int index, EventLoop eventLoop, AsyncEngine engine, Bootstrap bootstrap, int maxInFlight,
            int maxPerNode, int waitQueueCapacity) {
        this.index = index;
        this.eventLoop = eventLoop;
        this.engine = engine;
        this.cluster = engine.cluster();
        this.metrics = cluster.metrics();
        this.bootstrap = bootstrap.clone(eventLoop);
        this.maxInFlight = maxInFlight;
        this.maxPerNode = maxPerNode;
        this.admittedMax = maxInFlight + waitQueueCapacity;
        this.maxIdleNs = cluster.config().maxIdle().toNanos();
        this.nextTrimNs = System.nanoTime() + TRIM_INTERVAL_NS;
        eventLoop.scheduleAtFixedRate(this::sweepTimeoutsSafely, TIMEOUT_SWEEP_MS, TIMEOUT_SWEEP_MS,
                TimeUnit.MILLISECONDS);
    }

    /** Any thread: reserves room for one more command, or returns false when in-flight plus waiting are full. */
    boolean admit() {
        if (admitted.incrementAndGet() > admittedMax) {
            admitted.decrementAndGet();
            return false;
        }
        return true;
    }

    int admitted() {
        return admitted.get();
    }

    void start(AsyncCommand<?> command) {
        if (inFlight >= maxInFlight) {
            waiting.addLast(command);
            return;
        }
        inFlight++;
        dispatch(command);
    }

    /** The command holds a loop slot: find its node and take a node slot, or wait for one. */
    void dispatch(AsyncCommand<?> command) {
        if (engine.isClosed()) {
            finish(command, closedException(), true);
            return;
        }
        Node node;
        try {
            node = command.command.node(cluster, command.attempt);
        } catch (TernException e) {
            finish(command, e, true);
            return;
        }
        NodeLoopState nodeState = nodeState(node);
        command.node = node;
        command.nodeState = nodeState;
        if (nodeState.inFlight >= maxPerNode) {
            nodeState.waiting.addLast(command);
            return;
        }
        nodeState.inFlight++;
        send(command, nodeState);
    }

    private NodeLoopState nodeState(Node node) {
        NodeLoopState state = (NodeLoopState) node.loopState(index);
        if (state == null) {
            state = new NodeLoopState(node);
            node.loopState(index, state);
            nodeStates.add(state);
        }
        return state;
    }

    /** The command holds a loop slot and a node slot: send it on an idle connection or a new one. */
    private void send(AsyncCommand<?> command, NodeLoopState nodeState) {
        AsyncConnection connection;
        while ((connection = nodeState.idle.pollFirst()) != null) {
            if (connection.isUsable()) {
                connection.send(command);
                return;
            }
            connection.close();
        }
        // Opening a socket allocates (a channel, its buffers): a throw here must end this command, not the caller
        // that handed it the slot.
        guarded(command, null, () -> connect(command));
    }

    private void connect(AsyncCommand<?> command) {
        Node node = command.node;
        AsyncConnection connection = new AsyncConnection(this, node);
        int connectMs = (int) cluster.config().connectTimeout().toMillis();
        command.startAttempt(System.nanoTime());
        ChannelFuture future = bootstrap.clone().handler(connection)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMs).connect(node.address());
        future.addListener(done -> guarded(command, connection, () -> {
            if (done.isSuccess()) {
                metrics.connectionsOpened.increment();
                node.metrics().connectionsOpen.increment();
                connection.opened(future.channel());
                connection.send(command);
            } else {
                attemptFailed(command, null, done.cause(), false);
            }
        }));
    }

    /**
     * Runs {@code step} of {@code command} from a Netty listener or task. Netty logs and drops whatever such a
     * callback throws, so a throw here would leave the command in no queue and no in-flight set: its future would
     * never complete and its slots would stay taken. Instead the command ends with CLIENT_ERROR (in doubt when a
     * write may have been sent) and {@code connection}, whose state is then unknown, is closed.
     */
    void guarded(AsyncCommand<?> command, AsyncConnection connection, Runnable step) {
        try {
            step.run();
        } catch (Throwable e) {
            abandon(command, connection, e);
        }
    }

    void abandon(AsyncCommand<?> command, AsyncConnection connection, Throwable cause) {
        if (command.future.isDone()) {
            if (connection != null) {
                connection.close();
            }
            return;
        }
        active.remove(command);
        if (connection != null) {
            connection.close();
        }
        releaseNode(command, null);
        String nodeName = command.node == null ? null : command.node.name();
        finish(command, new TernException(ClientResultCode.CLIENT_ERROR, "client failure while running the "
                + "command: " + cause, nodeName, command.sent && command.command.isWrite(), cause), true);
    }

    /** A connection is waiting for {@code command}'s reply. */
    void awaitingReply(AsyncCommand<?> command) {
        active.add(command);
    }

    /** The reply is complete: free the connection and slots, then complete the future. */
    void succeeded(AsyncCommand<?> command, AsyncConnection connection, Object result) {
        active.remove(command);
        releaseNode(command, connection);
        releaseLoopSlot();
        admitted.decrementAndGet();
        metrics.record(command.command.kind(), command.node.metrics(), System.nanoTime() - command.startNs);
        command.complete(result);
    }

    /** The server answered with a final error: the connection is fine (unless {@code keepConnection} is false). */
    void serverFailed(AsyncCommand<?> command, AsyncConnection connection, TernException failure,
            boolean keepConnection, boolean retryable) {
        active.remove(command);
        releaseNode(command, keepConnection ? connection : null);
        if (!keepConnection && connection != null) {
            connection.close();
        }
        if (retryable) {
            retryOrFail(command, failure, failure.resultCode() == io.terndb.protocol.ResultCode.TIMEOUT);
        } else {
            finish(command, failure, true);
        }
    }

    /** The attempt failed on the client side (timeout, connection lost, connect refused): maybe retry. */
    void attemptFailed(AsyncCommand<?> command, AsyncConnection connection, Throwable cause, boolean timeout) {
        active.remove(command);
        if (connection != null) {
            connection.close();
        }
        releaseNode(command, null);
        if (timeout) {
            metrics.timeout(command.node == null ? null : command.node.metrics());
        }
        retryOrFail(command, cause, timeout);
    }

    private void retryOrFail(AsyncCommand<?> command, Throwable cause, boolean timeout) {
        command.lastFailure = cause;
        command.lastFailureTimeout = timeout;
        command.attempt++;
        long nowNs = System.nanoTime();
        Command<?> inner = command.command;
        if (engine.isClosed() || command.attempt > inner.policy().maxRetries() || nowNs >= command.deadlineNs) {
            finish(command, exhausted(command), true);
            return;
        }
        metrics.retries.increment();
        long backoffNs = inner.policy().retryBackoffNs() == 0 ? 0 : Math.min(
                inner.policy().retryBackoffNs() << Math.min(command.attempt - 1, 16), command.deadlineNs - nowNs);
        inner.prepareAttempt();
        if (backoffNs > 0) {
            eventLoop.schedule(() -> guarded(command, null, () -> dispatch(command)), backoffNs,
                    TimeUnit.NANOSECONDS);
        } else {
            dispatch(command);
        }
    }

    private TernException exhausted(AsyncCommand<?> command) {
        if (engine.isClosed()) {
            return closedException();
        }
        String nodeName = command.node == null ? null : command.node.name();
        boolean inDoubt = command.sent && command.command.isWrite();
        Throwable cause = command.lastFailure;
        String message = command.command.kind() + " failed after " + command.attempt + " attempt(s): "
                + (cause == null ? "deadline passed" : cause.getMessage());
        if (command.lastFailureTimeout) {
            return new TernTimeoutException(message, nodeName, inDoubt, command.attempt, cause);
        }
        int code = cause instanceof TernException e ? e.resultCode() : ClientResultCode.SERVER_NOT_AVAILABLE;
        return new TernException(code, message, nodeName, inDoubt, cause);
    }

    /** Ends the command with {@code failure}; it holds a loop slot when {@code holdsSlot}. */
    void finish(AsyncCommand<?> command, Throwable failure, boolean holdsSlot) {
        if (holdsSlot) {
            releaseLoopSlot();
        }
        admitted.decrementAndGet();
        metrics.error(command.node == null ? null : command.node.metrics());
        command.future.completeExceptionally(failure);
    }

    /** Gives the node slot to the next command waiting for this node, or frees it. */
    private void releaseNode(AsyncCommand<?> command, AsyncConnection reusable) {
        NodeLoopState nodeState = command.nodeState;
        if (nodeState == null) {
            return;
        }
        command.nodeState = null;
        if (reusable != null && command.node.isActive() && !engine.isClosed()) {
            nodeState.idle.addFirst(reusable);
        } else if (reusable != null) {
            reusable.close();
        }
        AsyncCommand<?> next = nodeState.waiting.pollFirst();
        if (next != null) {
            send(next, nodeState); // it already holds a loop slot; the node slot passes on
        } else {
            nodeState.inFlight--;
        }
    }

    private void releaseLoopSlot() {
        AsyncCommand<?> next = waiting.pollFirst();
        if (next != null) {
            dispatch(next); // the loop slot passes on
        } else {
            inFlight--;
        }
    }

    /**
     * Runs the sweep so that nothing it throws cancels it: Netty stops a periodic task whose run throws, and
     * without the sweep no attempt would ever time out on this loop again.
     */
    private void sweepTimeoutsSafely() {
        try {
            sweepTimeouts();
        } catch (Throwable e) {
            metrics.error(null);
        }
    }

    /** Fails attempts past their deadline, and queued commands past their total deadline; trims idle sockets. */
    private void sweepTimeouts() {
        long nowNs = System.nanoTime();
        if (nowNs - nextTrimNs >= 0) {
            nextTrimNs = nowNs + TRIM_INTERVAL_NS;
            nodeStates.removeIf(state -> state.trim(nowNs, maxIdleNs));
        }
        for (int i = active.size() - 1; i >= 0; i--) {
            AsyncCommand<?> command = active.get(i);
            if (nowNs - command.attemptDeadlineNs >= 0) {
                AsyncConnection connection = command.connection;
                guarded(command, connection, () -> attemptFailed(command, connection,
                        new java.net.SocketTimeoutException("no reply within the timeout"), true));
            }
        }
        if (!waiting.isEmpty()) {
            waiting.removeIf(command -> {
                if (nowNs - command.deadlineNs < 0) {
                    return false;
                }
                command.lastFailureTimeout = true;
                finish(command, exhausted(command), false);
                return true;
            });
        }
    }

    /** On close: fails every waiting command (in-flight ones fail as their connections close). */
    void failWaiting() {
        AsyncCommand<?> command;
        while ((command = waiting.pollFirst()) != null) {
            finish(command, closedException(), false);
        }
    }

    private static TernException closedException() {
        return new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "client is closed", null, false);
    }

    Metrics metrics() {
        return metrics;
    }
}
