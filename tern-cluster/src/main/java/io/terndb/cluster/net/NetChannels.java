package io.terndb.cluster.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/** Event loops with native epoll where it loads, NIO elsewhere, and the channel types that go with each. */
public final class NetChannels {

    private NetChannels() {
    }

    /** A group of daemon event-loop threads named {@code name-...}; the caller shuts it down. */
    public static EventLoopGroup newEventLoopGroup(int threads, String name) {
        DefaultThreadFactory threadFactory = new DefaultThreadFactory(name, true);
        return Epoll.isAvailable() ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    static Class<? extends SocketChannel> socketChannelType(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    static Class<? extends ServerChannel> serverChannelType(EventLoopGroup group) {
        return group instanceof EpollEventLoopGroup ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Listens on {@code address}: every accepted connection gets TCP_NODELAY, keep-alive and {@code allocator}, and
     * {@code initializer} builds its pipeline. {@code what} names the listener in logs and errors.
     *
     * @throws IOException when the address cannot be bound
     */
    static Channel listen(EventLoopGroup group, ByteBufAllocator allocator, InetSocketAddress address, String what,
            Consumer<Channel> initializer) throws IOException {
        ServerBootstrap server = new ServerBootstrap()
                .group(group)
                .channel(serverChannelType(group))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, allocator)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        initializer.accept(channel);
                    }
                });
        ChannelFuture bound = server.bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IOException(what + ": cannot listen on " + address, bound.cause());
        }
        LoggerFactory.getLogger(NetChannels.class).info("{}: listening on {}", what, bound.channel().localAddress());
        return bound.channel();
    }

    /** The addresses the server channels listen on (with the ports chosen for port 0). */
    static List<InetSocketAddress> boundAddresses(List<Channel> serverChannels) {
        List<InetSocketAddress> addresses = new ArrayList<>(serverChannels.size());
        for (Channel channel : serverChannels) {
            addresses.add((InetSocketAddress) channel.localAddress());
        }
        return addresses;
    }
}
