package io.terndb.client.internal.async;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.terndb.client.ClientConfig;
import io.terndb.client.TernBackpressureException;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.command.Command;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The async side: {@code eventLoops} Netty event loops (native epoll where available, else NIO), each with its
 * own {@link LoopState}. A command goes to the caller's own loop when submitted from one (callbacks chaining
 * commands stay on their loop), else round robin.
 */
public final class AsyncEngine implements AutoCloseable {

    private static final long SHUTDOWN_QUIET_MS = 0;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final Cluster cluster;
    private final EventLoopGroup group;
    private final LoopState[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    public AsyncEngine(ClientConfig config, Cluster cluster) {
        this(config, cluster, ByteBufAllocator.DEFAULT);
    }

    /** With the allocator for every socket's buffers: tests pass one that fails, to check no command is lost. */
    public AsyncEngine(ClientConfig config, Cluster cluster, ByteBufAllocator allocator) {
        this.cluster = cluster;
        ThreadFactory threads = new DefaultThreadFactory("tern-async", true);
        boolean epoll = Epoll.isAvailable();
        this.group = epoll ? new EpollEventLoopGroup(config.eventLoops(), threads)
                : new NioEventLoopGroup(config.eventLoops(), threads);
        Bootstrap bootstrap = new Bootstrap()
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.ALLOCATOR, allocator);
        int perNode = Math.max(1, config.maxInFlightPerNode() / config.eventLoops());
        this.loops = new LoopState[config.eventLoops()];
        int index = 0;
        for (io.netty.util.concurrent.EventExecutor executor : group) {
            loops[index] = new LoopState(index, (EventLoop) executor, this, bootstrap, config.maxInFlightPerLoop(),
                    perNode, config.waitQueueCapacity());
            index++;
        }
    }

    Cluster cluster() {
        return cluster;
    }

    boolean isClosed() {
        return closed;
    }

    public <T> CompletableFuture<T> submit(Command<T> command) {
        LoopState loop = pickLoop();
        if (closed) {
            return CompletableFuture.failedFuture(new io.terndb.client.TernException(
                    io.terndb.client.ClientResultCode.SERVER_NOT_AVAILABLE, "client is closed", null, false));
        }
        if (!loop.admit()) {
            cluster.metrics().rejected.increment();
            return CompletableFuture.failedFuture(new TernBackpressureException("event loop " + loop.index
                    + " has " + loop.admitted() + " commands in flight or waiting (maxInFlightPerLoop + "
                    + "waitQueueCapacity); slow down or raise the limits"));
        }
        AsyncCommand<T> async = new AsyncCommand<>(command, loop, System.nanoTime());
        if (loop.eventLoop.inEventLoop()) {
            loop.start(async);
        } else {
            loop.eventLoop.execute(async);
        }
        return async.future;
    }

    private LoopState pickLoop() {
        for (LoopState loop : loops) {
            if (loop.eventLoop.inEventLoop()) {
                return loop;
            }
        }
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** Fails waiting commands, closes every connection, and stops the loop threads (waits for them). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (LoopState loop : loops) {
            loop.eventLoop.execute(loop::failWaiting);
        }
        group.shutdownGracefully(SHUTDOWN_QUIET_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1_000);
    }
}
