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
 * loop's buffer and copied into an outbound buffer of its exact size from the channel's pooled allocator. Reply
 * bytes are gathered into a reused array, sized for a whole frame once its header is read, and handed to the
 * command frame by frame (a server sends a large batch or scan reply as many frames of about 128 KiB).
 */
final class AsyncConnection extends ChannelInboundHandlerAdapter {

    private final LoopState loop;
    private final Node node;
    private Channel channel;
    private byte[] in = new byte[CommandBuffer.INITIAL_BYTES];
    private int inStart;
    private int inFilled;
    private AsyncCommand<?> current;
    private boolean closed;
    /** The read or write error that closed the socket, if one did. */
    private Throwable failure;
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

    /**
     * Encodes and writes {@code command}. Never throws: a failure before any byte left (encoding, or no memory for
     * the outbound buffer) ends the command here with CLIENT_ERROR and keeps the socket (in doubt only if an
     * earlier attempt of a write was sent); a failure in the write itself leaves the socket's state unknown, so
     * it is closed and a write is in doubt. Either way the command's slots are released, because nothing else
     * would ever end it.
     */
    void send(AsyncCommand<?> command) {
        current = command;
        command.connection = this;
        ByteBuf request;
        try {
            request = encode(command.command);
        } catch (Throwable e) {
            detach(command);
            boolean earlierAttemptSent = command.sent && command.command.isWrite();
            loop.serverFailed(command, this, clientError("cannot encode or allocate the request",
                    earlierAttemptSent, e), true, false);
            return;
        }
        command.startAttempt(System.nanoTime());
        command.sent = true;
        loop.awaitingReply(command);
        try {
            channel.writeAndFlush(request, channel.voidPromise());
        } catch (Throwable e) {
            detach(command);
            loop.serverFailed(command, this, clientError("cannot send the request",
                    command.command.isWrite(), e), false, false);
        }
    }

    /**
     * The request in a buffer of its exact size from the channel's pooled allocator; the write releases it. No
     * buffer is kept per connection, so one large request does not hold its size for the socket's lifetime.
     */
    private ByteBuf encode(Command<?> inner) {
        CommandBuffer buffer = loop.encodeBuffer;
        inner.write(buffer);
        ByteBuf request = channel.alloc().directBuffer(buffer.position());
        try {
            request.writeBytes(buffer.data(), 0, buffer.position());
        } catch (Throwable e) {
            request.release();
            throw e;
        }
        buffer.reset();
        return request;
    }

    private void detach(AsyncCommand<?> command) {
        current = null;
        command.connection = null;
    }

    private TernException clientError(String what, boolean inDoubt, Throwable cause) {
        return new TernException(ClientResultCode.CLIENT_ERROR, what + ": " + cause, node.name(), inDoubt, cause);
    }

    /**
     * Copies the read into the reply array no further than the array's end, then parses what is complete, and
     * repeats: a read that ends one frame and begins the next fills the array exactly to the first frame's end,
     * the frame is consumed, and the rest lands at the start. So the array holds at most one frame and partial
     * frames are never moved or doubled (a frame is about 1 MiB when records are near the cap).
     */
    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        ByteBuf bytes = (ByteBuf) message;
        try {
            while (bytes.isReadable()) {
                if (inFilled == in.length) {
                    ensureRoom(bytes.readableBytes());
                }
                int chunk = Math.min(bytes.readableBytes(), in.length - inFilled);
                bytes.readBytes(in, inFilled, chunk);
                inFilled += chunk;
                processFrames();
            }
        } finally {
            bytes.release();
        }
    }

    /** Room for {@code bytes} more; grows by doubling while a frame's size is not yet known. */
    private void ensureRoom(int bytes) {
        if (inFilled + bytes <= in.length) {
            return;
        }
        int pending = inFilled - inStart;
        moveTo(pending + bytes <= in.length ? in : new byte[Math.max(pending + bytes, in.length * 2)]);
    }

    /** Room for the whole frame whose header is at {@code inStart}, in one array of at least its exact size. */
    private void reserveFrame(int frameBytes) {
        if (inStart + frameBytes <= in.length) {
            return;
        }
        moveTo(frameBytes <= in.length ? in : new byte[frameBytes]);
    }

    private void moveTo(byte[] target) {
        int pending = inFilled - inStart;
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
                reserveFrame(frameBytes);
                return;
            }
            int bodyAt = inStart + ProtoHeader.BYTES;
            inStart += frameBytes;
            if (!frame(bodyAt, (int) bodyBytes)) {
                break;
            }
            if (inStart == inFilled) {
                inStart = 0;
                inFilled = 0;
            }
        }
        if (current == null) {
            shrinkWhenIdle();
        }
    }

    /**
     * Between commands, a reply array grown past {@link CommandBuffer#RETAINED_BYTES_MAX} for one large reply is
     * dropped, so up to thousands of sockets do not each keep the largest reply they ever carried.
     */
    private void shrinkWhenIdle() {
        if (inStart == inFilled) {
            inStart = 0;
            inFilled = 0;
            if (in.length > CommandBuffer.RETAINED_BYTES_MAX) {
                in = new byte[CommandBuffer.INITIAL_BYTES];
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
        if (wasOpen) {
            countClosed();
        }
        AsyncCommand<?> command = current;
        if (command != null) {
            current = null;
            command.connection = null;
            loop.attemptFailed(command, null, failure != null ? new IOException("connection failed: " + failure,
                    failure) : new IOException("server closed the connection"), false);
        }
    }

    /** A read or write failed (Netty reports it here); channelInactive then ends the command on it. */
    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        failure = cause;
        context.close();
    }

    /** Closes the socket; a command still on it is failed by the caller, not here. */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
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

}
