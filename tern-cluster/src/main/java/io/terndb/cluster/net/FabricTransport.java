package io.terndb.cluster.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.util.collection.LongObjectHashMap;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.transport.DataTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fabric over TCP: exactly one outbound connection per peer, so frames for a peer arrive in the order
 * {@link #send} was called (calls from several threads in the order they took the peer's queue), or not at all
 * when the connection breaks; the protocols above retransmit. Every connection starts with a
 * {@link FabricLayout#HELLO} that names its sender; inbound frames go to a {@link FrameHandler} with that name.
 *
 * <p>{@link #send} never blocks: frames wait in the peer's queue until its event loop writes them, a batch at a
 * time with one flush. A peer whose queued bytes would pass the bound is refused (backpressure), as is a peer
 * with no known endpoint.
 *
 * <pre>{@code
 * FabricTransport fabric = FabricTransport.start(self, "prod", List.of(bindAddress), endpoints::fabricOf,
 *         node::receiveFabric, group, 64L << 20);
 * ByteBuf frame = fabric.allocate(64);
 * ... Frames.begin(frame, type) ... Frames.end(frame, start);
 * if (!fabric.send(peer, frame)) { ... retry later ... }
 * }</pre>
 */
public final class FabricTransport implements DataTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FabricTransport.class);

    /** Inbound fabric frames, on the event loop of the connection they came on. */
    public interface FrameHandler {

        /**
         * {@code body} is the frame after its length prefix, from the type byte, valid only during the call. A
         * throw (a {@code FabricFormatException} for a malformed frame) closes the connection it came on.
         */
        void received(long from, ByteBuf body);
    }

    private final long selfNodeId;
    private final byte[] clusterName;
    private final LongFunction<String> fabricEndpointOf;
    private final FrameHandler handler;
    private final EventLoopGroup group;
    private final long queuedBytesMaxPerPeer;
    private final int outboundBytesHigh;
    private final ConnectSettings settings;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final Bootstrap bootstrap;
    private final OffLoopResolver resolver = new OffLoopResolver();
    private final List<Channel> serverChannels = new ArrayList<>();
    private final ChannelGroup inbound = new DefaultChannelGroup("fabric-inbound", ImmediateEventExecutor.INSTANCE);
    /** Copied on write: peers are added rarely and looked up on every send, without boxing the node id. */
    private volatile LongObjectHashMap<FabricPeer> peers = new LongObjectHashMap<>();
    private boolean closed; // guarded by this

    final LongAdder framesSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder bytesReceived = new LongAdder();
    final LongAdder framesDropped = new LongAdder();
    final LongAdder refusedBackpressure = new LongAdder();
    final LongAdder refusedUnknownPeer = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsRejected = new LongAdder();

    private FabricTransport(long selfNodeId, String clusterName, LongFunction<String> fabricEndpointOf,
            FrameHandler handler, EventLoopGroup group, long queuedBytesMaxPerPeer, ConnectSettings settings) {
        this.selfNodeId = selfNodeId;
        this.clusterName = clusterName.getBytes(StandardCharsets.UTF_8);
        if (this.clusterName.length > FabricHello.NAME_BYTES_MAX) {
            throw new IllegalArgumentException("clusterName bytes=" + this.clusterName.length);
        }
        if (queuedBytesMaxPerPeer <= 0) {
            throw new IllegalArgumentException("queuedBytesMaxPerPeer=" + queuedBytesMaxPerPeer);
        }
        this.fabricEndpointOf = fabricEndpointOf;
        this.handler = handler;
        this.group = group;
        this.queuedBytesMaxPerPeer = queuedBytesMaxPerPeer;
        this.outboundBytesHigh = (int) Math.min(queuedBytesMaxPerPeer, Integer.MAX_VALUE);
        this.settings = settings;
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NetChannels.socketChannelType(group))
                .resolver(resolver)
                .option(ChannelOption.ALLOCATOR, allocator)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, settings.connectTimeoutMs())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(outboundBytesHigh / 2, outboundBytesHigh))
                .handler(new SendOnlyHandler("fabric"));
    }

    /** {@link #start(long, String, List, LongFunction, FrameHandler, EventLoopGroup, long, ConnectSettings)}. */
    public static FabricTransport start(long selfNodeId, String clusterName, List<InetSocketAddress> bindAddresses,
            LongFunction<String> fabricEndpointOf, FrameHandler handler, EventLoopGroup group,
            long queuedBytesMaxPerPeer) throws IOException {
        return start(selfNodeId, clusterName, bindAddresses, fabricEndpointOf, handler, group, queuedBytesMaxPerPeer,
                ConnectSettings.DEFAULTS);
    }

    /**
     * Listens on every bind address (port 0 picks a free one: see {@link #boundAddresses}). {@code fabricEndpointOf}
     * gives a peer's fabric endpoint, or null when the node is unknown; it is called from senders' threads and from
     * event loops. The group stays the caller's: {@link #close} does not shut it down.
     *
     * @param queuedBytesMaxPerPeer bytes queued for one peer and not yet written to its socket, beyond which
     *                              {@link #send} refuses; a frame larger than this is always refused
     * @throws IOException when an address cannot be bound (what was bound is closed again)
     */
    public static FabricTransport start(long selfNodeId, String clusterName, List<InetSocketAddress> bindAddresses,
            LongFunction<String> fabricEndpointOf, FrameHandler handler, EventLoopGroup group,
            long queuedBytesMaxPerPeer, ConnectSettings settings) throws IOException {
        FabricTransport fabric = new FabricTransport(selfNodeId, clusterName, fabricEndpointOf, handler, group,
                queuedBytesMaxPerPeer, settings);
        try {
            for (InetSocketAddress address : bindAddresses) {
                fabric.serverChannels.add(fabric.bind(address));
            }
        } catch (IOException | RuntimeException e) {
            fabric.close();
            throw e;
        }
        return fabric;
    }

    private Channel bind(InetSocketAddress address) throws IOException {
        return NetChannels.listen(group, allocator, address, "fabric", channel -> {
            inbound.add(channel);
            channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(ByteOrder.LITTLE_ENDIAN,
                    FabricLayout.LENGTH_BYTES + FabricLayout.BODY_BYTES_MAX, 0, FabricLayout.LENGTH_BYTES, 0,
                    FabricLayout.LENGTH_BYTES, true), new InboundHandler());
        });
    }

    /** The addresses listened on, with the ports chosen when a bind address asked for port 0. */
    public List<InetSocketAddress> boundAddresses() {
        return NetChannels.boundAddresses(serverChannels);
    }

    /** A pooled direct buffer. */
    @Override
    public ByteBuf allocate(int bytesHint) {
        return allocator.directBuffer(bytesHint);
    }

    @Override
    public void disconnect(long node) {
        FabricPeer peer = peers.get(node);
        if (peer != null) {
            peer.disconnect();
        }
    }

    @Override
    public boolean send(long node, ByteBuf frame) {
        FabricPeer peer = peer(node);
        if (peer == null) {
            refusedUnknownPeer.increment();
            frame.release();
            return false;
        }
        if (!peer.offer(frame)) {
            refusedBackpressure.increment();
            frame.release();
            return false;
        }
        return true;
    }

    /** Bytes queued for a peer and not yet written to its socket; 0 for a peer never sent to. */
    public long queuedBytes(long node) {
        FabricPeer peer = peers.get(node);
        return peer == null ? 0 : peer.queuedBytes();
    }

    /**
     * The peer, made on first use. A peer without a connection is asked for again each time, so a node that left
     * (its endpoint forgotten) is refused rather than queued for.
     */
    private FabricPeer peer(long node) {
        FabricPeer peer = peers.get(node);
        if (peer != null && (peer.isConnected() || fabricEndpointOf.apply(node) != null)) {
            return peer;
        }
        if (peer != null || fabricEndpointOf.apply(node) == null) {
            return null;
        }
        synchronized (this) {
            peer = peers.get(node);
            if (peer == null && !closed) {
                peer = new FabricPeer(node, this, bootstrap, queuedBytesMaxPerPeer, outboundBytesHigh,
                        settings.reconnectIntervalMs());
                LongObjectHashMap<FabricPeer> copy = new LongObjectHashMap<>(peers.size() + 1);
                copy.putAll(peers);
                copy.put(node, peer);
                peers = copy;
            }
            return peer;
        }
    }

    /** Where a peer is now; null when it is unknown or its endpoint does not parse. */
    InetSocketAddress addressOf(long node) {
        String endpoint = fabricEndpointOf.apply(node);
        if (endpoint == null) {
            return null;
        }
        try {
            return Endpoints.parse(endpoint);
        } catch (IllegalArgumentException e) {
            log.warn("fabric: node {} has a malformed endpoint: {}", Long.toHexString(node), e.getMessage());
            return null;
        }
    }

    ByteBuf hello() {
        return FabricHello.encode(allocator, selfNodeId, clusterName);
    }

    /** Frames handed to a connected socket. */
    public long framesSent() {
        return framesSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    /** Frames after HELLO given to the handler. */
    public long framesReceived() {
        return framesReceived.sum();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    /** Frames accepted by {@link #send} and lost before a socket took them: a connect failed, a connection broke. */
    public long framesDropped() {
        return framesDropped.sum();
    }

    public long refusedBackpressure() {
        return refusedBackpressure.sum();
    }

    public long refusedUnknownPeer() {
        return refusedUnknownPeer.sum();
    }

    /** Outbound connections established. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Inbound connections closed for a bad frame or a handler that threw. */
    public long connectionsRejected() {
        return connectionsRejected.sum();
    }

    /** Stops listening and closes every connection, dropping queued frames; call it off the event loops. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        for (Channel channel : serverChannels) {
            channel.close().awaitUninterruptibly();
        }
        inbound.close().awaitUninterruptibly();
        for (FabricPeer peer : peers.values()) {
            peer.close();
        }
        resolver.close();
    }

    /**
     * One inbound connection: its HELLO, then its frames to the handler. The first bad frame or handler throw
     * closes it, and nothing after it reaches the handler (frames decoded from the same read included).
     */
    private final class InboundHandler extends ChannelInboundHandlerAdapter {
        private boolean named;
        private boolean rejected;
        private long from;

        @Override
        public void channelRead(ChannelHandlerContext context, Object frame) {
            ByteBuf body = (ByteBuf) frame;
            try {
                if (rejected) {
                    return;
                }
                if (!named) {
                    from = FabricHello.decode(body, clusterName);
                    named = true;
                    return;
                }
                framesReceived.increment();
                bytesReceived.add(FabricLayout.LENGTH_BYTES + body.readableBytes());
                handler.received(from, body);
            } catch (RuntimeException e) {
                reject(context, e);
            } finally {
                body.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            reject(context, cause);
        }

        private void reject(ChannelHandlerContext context, Throwable cause) {
            if (!rejected) {
                rejected = true;
                connectionsRejected.increment();
                String sender = named ? "node " + Long.toHexString(from) : "an unnamed sender";
                log.warn("fabric: closing connection from {} ({}): {}", context.channel().remoteAddress(), sender,
                        cause instanceof FabricFormatException ? cause.getMessage() : cause.toString());
            }
            context.close();
        }
    }
}
