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
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.terndb.cluster.message.ControlCodec;
import io.terndb.cluster.message.ControlLayout;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.transport.ControlTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat mesh over TCP: control messages in the {@link ControlLayout} format, one outbound connection per
 * endpoint reached, inbound connections from every peer that reaches this node. Best effort: a message for a peer
 * not connected (beyond a few kept while connecting) or not keeping up is dropped and counted; the protocols above
 * retransmit. No call blocks the caller.
 *
 * <pre>{@code
 * MeshTransport mesh = MeshTransport.start(List.of(bindAddress), seeds, listener, group);
 * mesh.broadcast(heartbeat);               // to every seed and every endpoint reached since
 * mesh.reach("10.0.0.7:3002");             // an endpoint learned from a peer's heartbeat
 * }</pre>
 */
public final class MeshTransport implements ControlTransport, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeshTransport.class);

    /** Above this many bytes waiting for one socket, messages for it are dropped; an exchange is up to 4 MiB. */
    static final int OUTBOUND_BYTES_HIGH = 2 * ControlLayout.BODY_BYTES_MAX;
    static final int OUTBOUND_BYTES_LOW = ControlLayout.BODY_BYTES_MAX / 4;
    private static final int ENCODE_BYTES_INITIAL = 512;

    /** What the mesh hands on, on event-loop threads: the consumer queues it to its agent thread. */
    public interface Listener {

        void received(ControlMessage message);

        /** An endpoint refused a connection: nothing listens there now. */
        void unreachable(String endpoint);
    }

    final Listener listener;
    private final EventLoopGroup group;
    private final ConnectSettings settings;
    private final ByteBufAllocator allocator = PooledByteBufAllocator.DEFAULT;
    private final Bootstrap bootstrap;
    private final OffLoopResolver resolver = new OffLoopResolver();
    private final ConcurrentHashMap<String, MeshPeer> peers = new ConcurrentHashMap<>();
    private final List<Channel> serverChannels = new ArrayList<>();
    private final ChannelGroup inbound = new DefaultChannelGroup("mesh-inbound", ImmediateEventExecutor.INSTANCE);
    private volatile boolean closed;

    final LongAdder messagesSent = new LongAdder();
    final LongAdder messagesReceived = new LongAdder();
    final LongAdder messagesDropped = new LongAdder();
    final LongAdder connectionsRefused = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsRejected = new LongAdder();

    private MeshTransport(Listener listener, EventLoopGroup group, ConnectSettings settings) {
        this.listener = listener;
        this.group = group;
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
                        new WriteBufferWaterMark(OUTBOUND_BYTES_LOW, OUTBOUND_BYTES_HIGH))
                .handler(new SendOnlyHandler("heartbeat"));
    }

    /** {@link #start(List, List, Listener, EventLoopGroup, ConnectSettings)} with the default connect settings. */
    public static MeshTransport start(List<InetSocketAddress> bindAddresses, List<String> seeds, Listener listener,
            EventLoopGroup group) throws IOException {
        return start(bindAddresses, seeds, listener, group, ConnectSettings.DEFAULTS);
    }

    /**
     * Listens on every bind address (port 0 picks a free one: see {@link #boundAddresses}) and reaches every seed.
     * The group stays the caller's: {@link #close} does not shut it down.
     *
     * @throws IOException when an address cannot be bound (what was bound is closed again)
     */
    public static MeshTransport start(List<InetSocketAddress> bindAddresses, List<String> seeds, Listener listener,
            EventLoopGroup group, ConnectSettings settings) throws IOException {
        MeshTransport mesh = new MeshTransport(listener, group, settings);
        try {
            for (InetSocketAddress address : bindAddresses) {
                mesh.serverChannels.add(mesh.bind(address));
            }
        } catch (IOException | RuntimeException e) {
            mesh.close();
            throw e;
        }
        for (String seed : seeds) {
            mesh.reach(seed);
        }
        return mesh;
    }

    private Channel bind(InetSocketAddress address) throws IOException {
        return NetChannels.listen(group, allocator, address, "heartbeat", channel -> {
            inbound.add(channel);
            channel.pipeline().addLast(new LengthFieldBasedFrameDecoder(ByteOrder.BIG_ENDIAN,
                    ControlLayout.LENGTH_BYTES + ControlLayout.BODY_BYTES_MAX, 0, ControlLayout.LENGTH_BYTES, 0,
                    ControlLayout.LENGTH_BYTES, true), new InboundHandler());
        });
    }

    /** The addresses listened on, with the ports chosen when a bind address asked for port 0. */
    public List<InetSocketAddress> boundAddresses() {
        return NetChannels.boundAddresses(serverChannels);
    }

    @Override
    public void broadcast(ControlMessage message) {
        ByteBuf encoded = encode(message);
        if (encoded == null) {
            return;
        }
        try {
            for (MeshPeer peer : peers.values()) {
                if (peer.reached) {
                    peer.offer(encoded.retainedDuplicate());
                }
            }
        } finally {
            encoded.release();
        }
    }

    @Override
    public void send(long nodeId, String heartbeatEndpoint, ControlMessage message) {
        MeshPeer peer = peer(heartbeatEndpoint);
        if (peer == null) {
            messagesDropped.increment();
            return;
        }
        ByteBuf encoded = encode(message);
        if (encoded != null) {
            peer.offer(encoded);
        }
    }

    @Override
    public void disconnect(String heartbeatEndpoint) {
        MeshPeer peer = peers.get(heartbeatEndpoint);
        if (peer != null) {
            peer.disconnect();
        }
    }

    @Override
    public void reach(String heartbeatEndpoint) {
        MeshPeer peer = peer(heartbeatEndpoint);
        if (peer != null) {
            peer.reached = true;
        }
    }

    /** The peer for an endpoint, made on first use; null (after a warning) when the endpoint is malformed. */
    private MeshPeer peer(String endpoint) {
        MeshPeer peer = peers.get(endpoint);
        if (peer != null || closed) {
            return peer;
        }
        InetSocketAddress address;
        try {
            address = Endpoints.parse(endpoint);
        } catch (IllegalArgumentException e) {
            log.warn("heartbeat: ignoring endpoint: {}", e.getMessage());
            return null;
        }
        return peers.computeIfAbsent(endpoint,
                key -> new MeshPeer(key, address, this, bootstrap, settings.reconnectIntervalMs()));
    }

    /** The whole frame in a pooled buffer; null (the message dropped) when it is larger than any peer accepts. */
    private ByteBuf encode(ControlMessage message) {
        ByteBuf encoded = allocator.directBuffer(ENCODE_BYTES_INITIAL);
        ControlCodec.encode(message, encoded);
        int bodyBytes = encoded.readableBytes() - ControlLayout.LENGTH_BYTES;
        if (bodyBytes > ControlLayout.BODY_BYTES_MAX) {
            encoded.release();
            messagesDropped.increment();
            log.warn("heartbeat: dropping a {} of {} bytes, above {}", message.getClass().getSimpleName(),
                    bodyBytes, ControlLayout.BODY_BYTES_MAX);
            return null;
        }
        return encoded;
    }

    /** Messages handed to a connected socket. */
    public long messagesSent() {
        return messagesSent.sum();
    }

    /** Messages decoded and given to the listener. */
    public long messagesReceived() {
        return messagesReceived.sum();
    }

    /** Messages lost on this side: no connection, a peer not keeping up, a peer that could not be reached. */
    public long messagesDropped() {
        return messagesDropped.sum();
    }

    public long connectionsRefused() {
        return connectionsRefused.sum();
    }

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Inbound connections closed for bytes that are not control messages. */
    public long connectionsRejected() {
        return connectionsRejected.sum();
    }

    /** Stops listening and closes every connection; call it off the event loops. The group stays open. */
    @Override
    public void close() {
        closed = true;
        for (Channel channel : serverChannels) {
            channel.close().awaitUninterruptibly();
        }
        inbound.close().awaitUninterruptibly();
        for (MeshPeer peer : peers.values()) {
            peer.close();
        }
        resolver.close();
    }

    /** Decodes one inbound connection's messages; the first bad one closes it, and nothing after it is read. */
    private final class InboundHandler extends ChannelInboundHandlerAdapter {
        private boolean rejected;

        @Override
        public void channelRead(ChannelHandlerContext context, Object frame) {
            ByteBuf body = (ByteBuf) frame;
            try {
                if (rejected) {
                    return; // decoded from the same read as the bad frame
                }
                ControlMessage message;
                try {
                    message = ControlCodec.decode(body);
                } catch (RuntimeException e) {
                    reject(context, e);
                    return;
                }
                messagesReceived.increment();
                listener.received(message);
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
                log.warn("heartbeat: closing connection from {}: {}", context.channel().remoteAddress(),
                        cause.toString());
            }
            context.close();
        }
    }
}
