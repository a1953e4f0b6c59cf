package io.terndb.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.terndb.protocol.ProtoHeader;
import io.terndb.protocol.ResultCode;
import io.terndb.server.info.InfoService;
import io.terndb.server.info.UserAgents;
import io.terndb.server.txn.ConnectionGate;
import io.terndb.server.txn.Requester;
import io.terndb.server.txn.TransactionService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Frames the byte stream into proto messages and hands each to its service, in place (no message objects). The
 * header is checked before any body byte is buffered: a wrong version or type, or a size over
 * {@link ProtoHeader#BODY_BYTES_MAX}, closes the connection at once, so no client can make the server allocate
 * for a message it will refuse.
 */
final class FrameDecoder extends ByteToMessageDecoder implements ConnectionGate, Requester {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int SECURITY_REPLY_BYTES = 16;

    private final InfoService info;
    private final TransactionService transactions;
    /** Set while a request is answered off the event loop: later requests wait in the buffer, in order. */
    private boolean held;
    private ChannelHandlerContext context;
    /** This connection's part of the info state (its user agent); from the handler's addition to its removal. */
    private UserAgents.Connection infoConnection;

    FrameDecoder(InfoService info, TransactionService transactions) {
        this.info = info;
        this.transactions = transactions;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.context = context;
        this.infoConnection = info.openConnection();
    }

    /** A closed connection's handlers are removed: its user agent is no longer counted. */
    @Override
    protected void handlerRemoved0(ChannelHandlerContext context) {
        infoConnection.close();
    }

    @Override
    public io.netty.buffer.ByteBufAllocator alloc() {
        return context.alloc();
    }

    @Override
    public io.netty.util.concurrent.EventExecutor executor() {
        return context.executor();
    }

    @Override
    public void answer(ByteBuf reply) {
        context.writeAndFlush(reply, context.voidPromise());
    }

    /** The outcome is in doubt: closing the connection is how the client learns it. */
    @Override
    public void abandon() {
        context.close();
    }

    /** Event loop only. */
    @Override
    public void hold() {
        held = true;
    }

    /** Any thread: resumes on the event loop and decodes what arrived meanwhile (an empty read triggers it). */
    @Override
    public void release() {
        context.channel().eventLoop().execute(this::releaseNow);
    }

    @Override
    public void releaseNow() {
        held = false;
        if (context.channel().isActive()) {
            context.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext context, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= ProtoHeader.BYTES && !held) {
            long header = in.getLong(in.readerIndex());
            int type = ProtoHeader.type(header);
            long bodyBytes = ProtoHeader.bodyBytes(header);
            if (!acceptable(ProtoHeader.version(header), type, bodyBytes)) {
                log.debug("closing {}: bad proto header {}", context.channel().remoteAddress(),
                        Long.toHexString(header));
                in.skipBytes(in.readableBytes());
                context.close();
                return;
            }
            if (in.readableBytes() < ProtoHeader.BYTES + bodyBytes) {
                return;
            }
            int start = in.readerIndex() + ProtoHeader.BYTES;
            int end = start + (int) bodyBytes;
            dispatch(context, type, in, start, end);
            in.readerIndex(end);
        }
    }

    private static boolean acceptable(int version, int type, long bodyBytes) {
        boolean versionOk = version == ProtoHeader.VERSION || (version == 0 && type == ProtoHeader.TYPE_SECURITY);
        return versionOk && type >= ProtoHeader.TYPE_INFO && type <= ProtoHeader.TYPE_AS_MSG_COMPRESSED
                && bodyBytes <= ProtoHeader.BODY_BYTES_MAX;
    }

    private void dispatch(ChannelHandlerContext context, int type, ByteBuf in, int start, int end) {
        switch (type) {
            case ProtoHeader.TYPE_INFO -> replyInfo(context, in.toString(start, end - start, StandardCharsets.UTF_8));
            case ProtoHeader.TYPE_SECURITY -> replySecurityNotEnabled(context);
            case ProtoHeader.TYPE_AS_MSG -> transactions.handle(context, this, this, in, start, end);
            case ProtoHeader.TYPE_AS_MSG_COMPRESSED -> inflateAndHandle(context, in, start, end);
            default -> context.close();
        }
    }

    /** Answers an info request; one that waits for other nodes holds the connection until its answer is there. */
    private void replyInfo(ChannelHandlerContext context, String request) {
        java.util.concurrent.CompletableFuture<String> reply =
                info.handle(request, infoConnection).toCompletableFuture();
        if (reply.isDone()) {
            writeInfo(context, reply.join());
            return;
        }
        hold();
        reply.whenComplete((text, error) -> context.executor().execute(() -> {
            if (error == null) {
                writeInfo(context, text);
            } else {
                context.close();
            }
            releaseNow();
        }));
    }

    private static void writeInfo(ChannelHandlerContext context, String text) {
        byte[] reply = text.getBytes(StandardCharsets.UTF_8);
        ByteBuf out = context.alloc().directBuffer(ProtoHeader.BYTES + reply.length);
        out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, reply.length));
        out.writeBytes(reply);
        context.writeAndFlush(out, context.voidPromise());
    }

    /** Security is not enabled: the client then proceeds without a session, as with the original. */
    private static void replySecurityNotEnabled(ChannelHandlerContext context) {
        ByteBuf out = context.alloc().directBuffer(ProtoHeader.BYTES + SECURITY_REPLY_BYTES);
        out.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_SECURITY, SECURITY_REPLY_BYTES));
        out.writeByte(0);
        out.writeByte(ResultCode.SECURITY_NOT_ENABLED);
        out.writeZero(SECURITY_REPLY_BYTES - 2);
        context.writeAndFlush(out, context.voidPromise());
    }

    /**
     * Type 4: u64 size of the inner message (proto header included), then a zlib stream of it. The inner message
     * must be a plain AS_MSG of exactly the announced size.
     */
    private void inflateAndHandle(ChannelHandlerContext context, ByteBuf in, int start, int end) {
        if (end - start < 8) {
            TransactionService.replySingle(this, ResultCode.PARAMETER_ERROR);
            return;
        }
        long innerBytes = in.getLong(start);
        if (innerBytes < ProtoHeader.BYTES || innerBytes > ProtoHeader.BODY_BYTES_MAX + ProtoHeader.BYTES) {
            TransactionService.replySingle(this, ResultCode.PARAMETER_ERROR);
            return;
        }
        byte[] inner = new byte[(int) innerBytes];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in.nioBuffer(start + 8, end - start - 8));
            int produced = inflater.inflate(inner);
            long header = produced >= ProtoHeader.BYTES ? Unpooled.wrappedBuffer(inner).getLong(0) : 0;
            if (produced != inner.length || ProtoHeader.type(header) != ProtoHeader.TYPE_AS_MSG
                    || ProtoHeader.bodyBytes(header) != innerBytes - ProtoHeader.BYTES) {
                TransactionService.replySingle(this, ResultCode.PARAMETER_ERROR);
                return;
            }
            transactions.handle(context, this, this, Unpooled.wrappedBuffer(inner), ProtoHeader.BYTES, inner.length);
        } catch (DataFormatException e) {
            TransactionService.replySingle(this, ResultCode.PARAMETER_ERROR);
        } finally {
            inflater.end();
        }
    }
}
