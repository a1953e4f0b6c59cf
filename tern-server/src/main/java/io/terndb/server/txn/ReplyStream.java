package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.terndb.storage.DurabilityTicket;
import io.terndb.protocol.MessageFlags;

/**
 * A multi-record reply (batch, scan): records are appended to the current frame, a frame is sent once it reaches
 * {@link #FRAME_BYTES_TARGET}, and {@link #finish} ends the stream with an info3 LAST record.
 */
final class ReplyStream {

    static final int FRAME_BYTES_TARGET = 128 * 1024;

    private final ChannelHandlerContext context;
    private final DurabilityTicket ticket;
    private ByteBuf out;
    private int frameAt;

    /** @param ticket the writes that must be durable before any reply frame goes out; {@code null} for none */
    ReplyStream(ChannelHandlerContext context, DurabilityTicket ticket) {
        this.context = context;
        this.ticket = ticket;
        startFrame();
    }

    ByteBuf out() {
        return out;
    }

    /** Sends the current frame if it is full; returns its write future, or {@code null} if nothing was sent. */
    ChannelFuture flushIfFull() {
        return out.writerIndex() - frameAt >= FRAME_BYTES_TARGET ? flush() : null;
    }

    ChannelFuture flush() {
        awaitDurable();
        ReplyWriter.endFrame(out, frameAt);
        ChannelFuture future = context.writeAndFlush(out);
        startFrame();
        return future;
    }

    /** Appends the LAST record with the stream's result code and sends what remains. */
    ChannelFuture finish(int resultCode) {
        awaitDurable();
        ReplyWriter.header(out, 0, MessageFlags.INFO3_LAST, resultCode, 0, 0, 0, 0, 0);
        ReplyWriter.endFrame(out, frameAt);
        ChannelFuture future = context.writeAndFlush(out);
        out = null;
        return future;
    }

    private void awaitDurable() {
        if (ticket != null) {
            ticket.await();
        }
    }

    /** Drops the unsent frame (the connection is gone). */
    void discard() {
        if (out != null) {
            out.release();
            out = null;
        }
    }

    private void startFrame() {
        out = context.alloc().directBuffer(FRAME_BYTES_TARGET + 4096);
        frameAt = ReplyWriter.beginFrame(out);
    }
}
