package io.terndb.cluster.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one outbound fabric connection to one peer. Senders on any thread append frames to {@code incoming} under
 * this object's lock, so the queue's order is the order of the calls; the peer's event loop swaps the queue out and
 * writes it whole, HELLO first on a new connection, with one flush per batch. The lock guards only the queue swap
 * and the admission check, never I/O.
 *
 * <p>Queued bytes, the bound of backpressure, are the frames in {@code incoming} plus what the channel holds
 * unwritten (as Netty counts it, with its per-frame overhead). The channel's high-water mark is the bound itself,
 * so its {@code bytesBeforeUnwritable} says how much of the bound it uses.
 */
final class FabricPeer {

    private static final Logger log = LoggerFactory.getLogger(FabricPeer.class);

    final long node;
    private final FabricTransport transport;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final long queuedBytesMax;
    private final long outboundBytesHigh;
    private final long reconnectIntervalNs;
    private final Runnable drainTask = this::drain;
    private final Runnable scheduledConnect = () -> {
        connectScheduled = false;
        connectWhenDue();
    };
    private final ChannelFutureListener onConnected = this::connected;
    private final ChannelFutureListener onDisconnected = this::disconnected;

    // Guarded by this.
    private ArrayDeque<ByteBuf> incoming = new ArrayDeque<>();
    private boolean drainScheduled;
    /** Written under the lock, read anywhere. */
    private volatile boolean closed;

    /** Bytes in incoming and in the batch being written: senders add, the loop subtracts once they are written. */
    private final AtomicLong incomingBytes = new AtomicLong();

    /** Written on the loop only; read by senders for the admission check. */
    private volatile Channel channel;

    // Confined to loop.
    private ArrayDeque<ByteBuf> batch = new ArrayDeque<>();
    private boolean connecting;
    private boolean connectScheduled;
    private long lastConnectNs;

    FabricPeer(long node, FabricTransport transport, Bootstrap bootstrap, long queuedBytesMax,
            int outboundBytesHigh, long reconnectIntervalMs) {
        this.node = node;
        this.transport = transport;
        this.loop = bootstrap.config().group().next();
        this.bootstrap = bootstrap.clone(loop);
        this.queuedBytesMax = queuedBytesMax;
        this.outboundBytesHigh = outboundBytesHigh;
        this.reconnectIntervalNs = TimeUnit.MILLISECONDS.toNanos(reconnectIntervalMs);
        this.lastConnectNs = System.nanoTime() - reconnectIntervalNs;
    }

    boolean isConnected() {
        return channel != null;
    }

    /** Queues a frame, keeping ownership with the caller when it returns false (closed, or over the bound). */
    boolean offer(ByteBuf frame) {
        int bytes = frame.readableBytes();
        boolean schedule;
        synchronized (this) {
            if (closed || incomingBytes.get() + outboundBytes() + bytes > queuedBytesMax) {
                return false;
            }
            incomingBytes.addAndGet(bytes);
            incoming.add(frame);
            schedule = !drainScheduled;
            drainScheduled = true;
        }
        if (schedule) {
            execute(drainTask);
        }
        return true;
    }

    /** Bytes queued and not yet written to the socket. */
    long queuedBytes() {
        return incomingBytes.get() + outboundBytes();
    }

    /** What the channel holds unwritten; above the bound (high-water mark + 1) while it is unwritable. */
    private long outboundBytes() {
        Channel current = channel;
        // Netty's bytesBeforeUnwritable is high-water mark - pending + 1, since writability turns at mark + 1.
        return current == null ? 0 : Math.max(0, outboundBytesHigh + 1 - current.bytesBeforeUnwritable());
    }

    private void execute(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            closeOnLoop(); // the event loops are shutting down: nothing will be sent again
        }
    }

    private void drain() {
        Channel current = channel;
        ArrayDeque<ByteBuf> frames;
        synchronized (this) {
            drainScheduled = false;
            if (current == null || !current.isActive() || closed) { // a closing channel's frames are dropped
                frames = null;
            } else {
                frames = incoming;
                incoming = batch;
                batch = frames;
            }
        }
        if (frames == null) {
            if (incomingBytes.get() > 0) {
                connectWhenDue();
            }
            return;
        }
        long bytes = 0;
        int count = 0;
        for (ByteBuf frame; (frame = frames.poll()) != null; count++) {
            bytes += frame.readableBytes();
            current.write(frame, current.voidPromise());
        }
        current.flush();
        // Only now: while the batch moved into the channel it was counted twice, erring towards refusal.
        incomingBytes.addAndGet(-bytes);
        transport.framesSent.add(count);
        transport.bytesSent.add(bytes);
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
        lastConnectNs = System.nanoTime();
        InetSocketAddress address = transport.addressOf(node);
        if (address == null) {
            dropIncoming();
            return;
        }
        connecting = true;
        bootstrap.connect(address).addListener(onConnected);
    }

    private void connected(ChannelFuture future) {
        connecting = false;
        if (!future.isSuccess()) {
            log.debug("fabric: cannot connect to node {}: {}", Long.toHexString(node), future.cause().toString());
            dropIncoming(); // the frames' senders retransmit once the peer is back
            return;
        }
        Channel opened = future.channel();
        if (closed) {
            opened.close();
            return;
        }
        transport.connectionsOpened.increment();
        opened.write(transport.hello(), opened.voidPromise());
        channel = opened;
        opened.closeFuture().addListener(onDisconnected);
        drain();
    }

    private void disconnected(ChannelFuture future) {
        if (channel == future.channel()) {
            channel = null;
            log.debug("fabric: connection to node {} closed", Long.toHexString(node));
            dropIncoming(); // queued for a connection that broke: in flight, like what the socket lost
        }
    }

    /** Releases every queued frame; the next send starts over (and reconnects). */
    private void dropIncoming() {
        ArrayDeque<ByteBuf> frames;
        synchronized (this) {
            frames = incoming;
            incoming = new ArrayDeque<>();
        }
        long bytes = 0;
        int count = 0;
        for (ByteBuf frame; (frame = frames.poll()) != null; count++) {
            bytes += frame.readableBytes();
            frame.release();
        }
        incomingBytes.addAndGet(-bytes);
        transport.framesDropped.add(count);
    }

    /** Drops the current connection, if any (its peer went silent); the next frame connects anew. */
    void disconnect() {
        try {
            loop.execute(() -> {
                Channel current = channel;
                if (current != null) {
                    current.close();
                }
            });
        } catch (RejectedExecutionException e) {
            // the loop is gone, and the channel with it
        }
    }

    /** Closes the connection and drops what is queued; returns when done (or at once on the loop itself). */
    void close() {
        if (loop.inEventLoop()) {
            closeOnLoop();
            return;
        }
        try {
            loop.submit(this::closeOnLoop).awaitUninterruptibly(1, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            closeOnLoop();
        }
    }

    private void closeOnLoop() {
        synchronized (this) {
            closed = true;
        }
        dropIncoming();
        Channel current = channel;
        if (current != null) {
            channel = null;
            current.close();
        }
    }
}
