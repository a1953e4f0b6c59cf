package io.terndb.client.internal.async;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.terndb.client.ClientResultCode;
import io.terndb.client.CommandKind;
import io.terndb.client.TernException;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.Bytes;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ParseException;
import io.terndb.client.internal.command.Command;
import io.terndb.client.internal.command.ServerResultException;
import io.terndb.protocol.ProtoHeader;
import java.io.IOException;

/**
 * One socket of one event loop to one node, carrying one command at a time. The request is encoded into the
 * loop's buffer and copied into this connection's direct buffer (reused: the next request is written only after
 * the previous reply arrived, so the last write is long done). Reply bytes are gathered into a reused array and
 * handed to the command frame by frame.
 */
final class AsyncConnection extends ChannelInboundHandlerAdapter {

    private final LoopState loop;
    private final Node node;
    private Channel channel;
    private ByteBuf out;
    private byte[] in = new byte[CommandBuffer.INITIAL_BYTES];
    private int inStart;
    private int inFilled;
    private AsyncCommand<?> current;
    private boolean closed;
    private long lastUsedNs = System.nanoTime();

    AsyncConnection(LoopState loop, Node node) {
        this.loop = loop;
        this.node = node;
    }

    void opened(Channel openedChannel) {
        channel = openedChannel;
    }

    long lastUsedNs() {
        return lastUsedNs;
    }

    boolean isUsable() {
        return !closed && channel != null && channel.isActive();
    }

    void send(AsyncCommand<?> command) {
        current = command;
        command.connection = this;
        CommandBuffer buffer = loop.encodeBuffer;
        try {
            command.command.write(buffer);
        } catch (RuntimeException e) {
            current = null;
            command.connection = null;
            loop.serverFailed(command, this, new TernException(ClientResultCode.CLIENT_ERROR,
                    "cannot encode: " + e.getMessage(), node.name(), false, e), true, false);
            return;
        }
        if (out == null || out.capacity() < buffer.position()) {
            if (out != null) {
                out.release();
            }
            out = channel.alloc().directBuffer(Math.max(buffer.position(), CommandBuffer.INITIAL_BYTES));
        }
        out.clear().writeBytes(buffer.data(), 0, buffer.position());
        command.startAttempt(System.nanoTime());
        command.sent = true;
        loop.awaitingReply(command);
        channel.writeAndFlush(out.retain(), channel.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            int readable = bytes.readableBytes();
            ensureRoom(readable);
            bytes.readBytes(in, inFilled, readable);
            inFilled += readable;
        } finally {
            bytes.release();
        }
        processFrames();
    }

    private void ensureRoom(int bytes) {
        if (inFilled + bytes <= in.length) {
            return;
        }
        int pending = inFilled - inStart;
        byte[] target = pending + bytes <= in.length ? in : new byte[Math.max(pending + bytes, in.length * 2)];
        System.arraycopy(in, inStart, target, 0, pending);
        in = target;
        inStart = 0;
        inFilled = pending;
    }

    private void processFrames() {
        while (current != null && inFilled - inStart >= ProtoHeader.BYTES) {
            long header = Bytes.getLong(in, inStart);
            long bodyBytes = ProtoHeader.bodyBytes(header);
            if (ProtoHeader.version(header) != ProtoHeader.VERSION
                    || ProtoHeader.type(header) != ProtoHeader.TYPE_AS_MSG
                    || bodyBytes > ProtoHeader.BODY_BYTES_MAX) {
                fail(new ParseException("reply header 0x" + Long.toHexString(header)));
                return;
            }
            int frameBytes = ProtoHeader.BYTES + (int) bodyBytes;
            if (inFilled - inStart < frameBytes) {
                ensureRoom(frameBytes - (inFilled - inStart));
                return;
            }
            int bodyAt = inStart + ProtoHeader.BYTES;
            inStart += frameBytes;
            if (inStart == inFilled) {
                inStart = 0;
                inFilled = 0;
            }
            if (!frame(bodyAt, (int) bodyBytes)) {
                return;
            }
        }
    }

    /** Feeds one frame to the command; returns false once the command is over (done or failed). */
    private boolean frame(int bodyAt, int bodyBytes) {
        AsyncCommand<?> command = current;
        Command<?> inner = command.command;
        try {
            if (!inner.parse(loop.parser, in, bodyAt, bodyBytes)) {
                return true;
            }
            current = null;
            command.connection = null;
            lastUsedNs = System.nanoTime();
            loop.succeeded(command, this, inner.result());
        } catch (ServerResultException e) {
            current = null;
            command.connection = null;
            boolean retryable = Command.isRetryable(e.resultCode());
            TernException failure = new TernException(e.resultCode(), e.getMessage(), node.name(),
                    retryable && inner.isWrite(), e);
            loop.serverFailed(command, this, failure, inner.kind() != CommandKind.SCAN, retryable);
        } catch (ParseException e) {
            fail(e);
        } catch (RuntimeException e) {
            current = null;
            command.connection = null;
            loop.serverFailed(command, this, new TernException(ClientResultCode.CLIENT_ERROR, e.toString(),
                    node.name(), false, e), false, false);
        }
        return false;
    }

    private void fail(ParseException e) {
        AsyncCommand<?> command = current;
        current = null;
        command.connection = null;
        loop.serverFailed(command, this, new TernException(ClientResultCode.PARSE_ERROR, e.getMessage(),
                node.name(), command.command.isWrite(), e), false, false);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        boolean wasOpen = !closed;
        closed = true;
        releaseBuffer();
        if (wasOpen) {
            countClosed();
        }
        AsyncCommand<?> command = current;
        if (command != null) {
            current = null;
            command.connection = null;
            loop.attemptFailed(command, null, new IOException("server closed the connection"), false);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        context.close();
    }

    /** Closes the socket; a command still on it is failed by the caller, not here. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        releaseBuffer();
        countClosed();
        if (channel != null) {
            channel.close();
        }
    }

    private void countClosed() {
        if (channel != null) {
            loop.metrics().connectionsClosed.increment();
            node.metrics().connectionsOpen.decrement();
        }
    }

    private void releaseBuffer() {
        if (out != null) {
            out.release();
            out = null;
        }
    }
}
