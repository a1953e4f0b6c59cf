package io.terndb.cluster.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound heartbeat connection to one endpoint. Its state lives on one event loop; messages come from any
 * thread and are handed over to it. While not connected, the newest few messages wait for the connection.
 */
final class MeshPeer {

    private static final Logger log = LoggerFactory.getLogger(MeshPeer.class);

    /** Messages kept for an endpoint being connected; older ones are superseded by newer heartbeats anyway. */
    static final int PENDING_MESSAGES_MAX = 4;

    final String endpoint;
    private final InetSocketAddress address;
    private final MeshTransport transport;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final long reconnectIntervalNs;
    private final ChannelFutureListener onConnected = this::connected;
    private final ChannelFutureListener onDisconnected = this::disconnected;
    private final Runnable scheduledConnect = () -> {
        connectScheduled = false;
        connectWhenDue();
    };
    /** Whether broadcasts go here: a seed or an endpoint asked for with {@code reach}. */
    volatile boolean reached;

    // Confined to loop.
    private final ArrayDeque<ByteBuf> pending = new ArrayDeque<>(PENDING_MESSAGES_MAX);
    private Channel channel;
    private boolean connecting;
    private boolean connectScheduled;
    private boolean closed;
    private long lastConnectNs;

    MeshPeer(String endpoint, InetSocketAddress address, MeshTransport transport, Bootstrap bootstrap,
            long reconnectIntervalMs) {
        this.endpoint = endpoint;
        this.address = address;
        this.transport = transport;
        this.loop = bootstrap.config().group().next();
        this.bootstrap = bootstrap.clone(loop);
        this.reconnectIntervalNs = TimeUnit.MILLISECONDS.toNanos(reconnectIntervalMs);
        this.lastConnectNs = System.nanoTime() - reconnectIntervalNs;
    }

    /** Takes ownership of one encoded message (length prefix included); never blocks. */
    void offer(ByteBuf message) {
        if (loop.inEventLoop()) {
            offerOnLoop(message);
            return;
        }
        try {
            loop.execute(() -> offerOnLoop(message));
        } catch (RejectedExecutionException e) {
            message.release(); // the event loops are shutting down
            transport.messagesDropped.increment();
        }
    }

    private void offerOnLoop(ByteBuf message) {
        if (closed) {
            drop(message);
        } else if (channel != null) {
            if (channel.isWritable()) {
                channel.writeAndFlush(message, channel.voidPromise());
                transport.messagesSent.increment();
            } else {
                drop(message); // the peer reads slower than we send: best effort means losing some
            }
        } else {
            if (pending.size() == PENDING_MESSAGES_MAX) {
                drop(pending.poll());
            }
            pending.add(message);
            connectWhenDue();
        }
    }

    private void connectWhenDue() {
        if (closed || channel != null || connecting) {
            return;
        }
        long waitNs = lastConnectNs + reconnectIntervalNs - System.nanoTime();
        if (waitNs > 0) {
            if (!connectScheduled) {
                connectScheduled = true;
                loop.schedule(scheduledConnect, waitNs, TimeUnit.NANOSECONDS);
            }
            return;
        }
        connecting = true;
        lastConnectNs = System.nanoTime();
        bootstrap.connect(address).addListener(onConnected);
    }

    private void connected(ChannelFuture future) {
        connecting = false;
        if (!future.isSuccess()) {
            failed(future.cause());
            return;
        }
        Channel opened = future.channel();
        if (closed) {
            opened.close();
            return;
        }
        channel = opened;
        transport.connectionsOpened.increment();
        opened.closeFuture().addListener(onDisconnected);
        for (ByteBuf message; (message = pending.poll()) != null; ) {
            offerOnLoop(message);
        }
    }

    private void failed(Throwable cause) {
        dropPending();
        // Netty's ConnectTimeoutException is a ConnectException too, but a timeout says nothing: the peer may be
        // busy or partitioned away, which the heartbeat timeout judges. A refusal says no one listens there.
        if (cause instanceof ConnectException && !(cause instanceof ConnectTimeoutException)) {
            transport.connectionsRefused.increment();
            log.debug("heartbeat: {} refused the connection", endpoint);
            transport.listener.unreachable(endpoint);
        } else {
            log.debug("heartbeat: cannot connect to {}: {}", endpoint, cause.toString());
        }
    }

    private void disconnected(ChannelFuture future) {
        if (channel == future.channel()) {
            channel = null; // the next message reconnects
        }
    }

    private void drop(ByteBuf message) {
        message.release();
        transport.messagesDropped.increment();
    }

    private void dropPending() {
        for (ByteBuf message; (message = pending.poll()) != null; ) {
            drop(message);
        }
    }

    /**
     * Drops the current connection, if any (its peer went silent: a connection stalled by a network cut would only
     * resume at TCP's next retransmission, seconds later); the next message connects anew.
     */
    void disconnect() {
        try {
            loop.execute(() -> {
                if (channel != null) {
                    channel.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // the loop is gone, and the channel with it
        }
    }

    /** Closes the connection and drops what waits for it; returns when done (or at once on the loop itself). */
    void close() {
        if (loop.inEventLoop()) {
            closeOnLoop();
            return;
        }
        try {
            loop.submit(this::closeOnLoop).awaitUninterruptibly(1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // the loop is gone, and with it the channel; what was pending is unreachable now
        }
    }

    private void closeOnLoop() {
        closed = true;
        dropPending();
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
