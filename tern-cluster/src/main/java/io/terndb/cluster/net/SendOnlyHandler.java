package io.terndb.cluster.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handler of an outbound heartbeat or fabric connection: those only send, so whatever the peer writes on them is
 * discarded, and an error closes the connection (the next message connects anew).
 */
@ChannelHandler.Sharable
final class SendOnlyHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(SendOnlyHandler.class);

    private final String transport;

    /** {@code transport} names the connections in logs ("heartbeat", "fabric"). */
    SendOnlyHandler(String transport) {
        this.transport = transport;
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ReferenceCountUtil.release(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        log.debug("{}: closing connection to {}: {}", transport, context.channel().remoteAddress(), cause.toString());
        context.close();
    }
}
