package io.terndb.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.terndb.server.info.InfoService;
import io.terndb.server.txn.TransactionService;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client service: Netty event loops (native epoll where available) accepting on each configured address. Every
 * connection gets its own {@link FrameDecoder}; the services behind it are shared.
 */
public final class ServiceListener implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceListener.class);

    private final EventLoopGroup bossGroup;
    private final EventLoopGroup workerGroup;
    private final List<Channel> serverChannels = new ArrayList<>();
    private final ConnectionLimiter limiter;

    private ServiceListener(int threads, int connectionsMax) {
        boolean epoll = Epoll.isAvailable();
        bossGroup = epoll ? new EpollEventLoopGroup(1, new DefaultThreadFactory("accept"))
                : new NioEventLoopGroup(1, new DefaultThreadFactory("accept"));
        workerGroup = epoll ? new EpollEventLoopGroup(threads, new DefaultThreadFactory("service"))
                : new NioEventLoopGroup(threads, new DefaultThreadFactory("service"));
        limiter = new ConnectionLimiter(connectionsMax);
        log.info("service: {} event loops, transport {}", threads, epoll ? "epoll" : "nio");
    }

    /** Binds every address; on failure closes what was opened and rethrows. */
    public static ServiceListener start(List<InetSocketAddress> addresses, int threads, int connectionsMax,
            InfoService info, TransactionService transactions) throws InterruptedException {
        ServiceListener listener = new ServiceListener(threads, connectionsMax);
        try {
            ServerBootstrap bootstrap = new ServerBootstrap()
                    .group(listener.bossGroup, listener.workerGroup)
                    .channel(serverChannelType())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(listener.limiter, new FrameDecoder(info, transactions),
                                    new ErrorHandler());
                        }
                    });
            for (InetSocketAddress address : addresses) {
                listener.serverChannels.add(bootstrap.bind(address).sync().channel());
                log.info("service: listening on {}", address);
            }
            return listener;
        } catch (InterruptedException | RuntimeException e) {
            listener.close();
            throw e;
        }
    }

    private static Class<? extends ServerChannel> serverChannelType() {
        return Epoll.isAvailable() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public int openConnections() {
        return limiter.open.get();
    }

    public long openedConnections() {
        return limiter.opened.sum();
    }

    public long closedConnections() {
        return limiter.closed.sum();
    }

    @Override
    public void close() {
        for (Channel channel : serverChannels) {
            channel.close().awaitUninterruptibly();
        }
        bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
    }

    /** Counts connections and refuses those beyond {@code proto-fd-max}. */
    @ChannelHandler.Sharable
    private static final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
        private final int connectionsMax;
        final AtomicInteger open = new AtomicInteger();
        final LongAdder opened = new LongAdder();
        final LongAdder closed = new LongAdder();

        ConnectionLimiter(int connectionsMax) {
            this.connectionsMax = connectionsMax;
        }

        @Override
        public void channelActive(ChannelHandlerContext context) throws Exception {
            opened.increment();
            if (open.incrementAndGet() > connectionsMax) {
                log.warn("refusing connection from {}: proto-fd-max {} reached", context.channel().remoteAddress(),
                        connectionsMax);
                context.close();
                return;
            }
            super.channelActive(context);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) throws Exception {
            open.decrementAndGet();
            closed.increment();
            super.channelInactive(context);
        }
    }

    /** Last in the pipeline: any exception on a connection closes that connection only. */
    private static final class ErrorHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            log.debug("closing {} after error", context.channel().remoteAddress(), cause);
            context.close();
        }
    }
}
