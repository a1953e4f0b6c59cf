package io.terndb.server.cluster;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.cluster.transport.FabricHandler;
import io.terndb.protocol.ProtoHeader;
import io.terndb.protocol.ResultCode;
import io.terndb.server.txn.ConnectionGate;
import io.terndb.server.txn.Requester;
import io.terndb.server.txn.TransactionService;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Proxying: a request for a partition this node does not serve (the client's map is stale) goes over the fabric to
 * the node that does, and its reply comes back the same way to the client, which never learns of the detour. A
 * proxied request not answered by its deadline is answered TIMEOUT (in doubt, for a write).
 */
public final class Proxies implements TransactionService.Proxy, FabricHandler {

    private record Pending(Requester requester, ConnectionGate gate, long deadlineMs) {
    }

    private final DataTransport fabric;
    private final InstantSource clock;
    private final TransactionService transactions;
    private final EventExecutor[] loops;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    public final LongAdder forwarded = new LongAdder();
    public final LongAdder served = new LongAdder();
    public final LongAdder timedOut = new LongAdder();

    /** @param loops event loops proxied requests run on here (any, chosen by request id) */
    public Proxies(DataTransport fabric, InstantSource clock, TransactionService transactions,
            EventExecutor[] loops) {
        this.fabric = fabric;
        this.clock = clock;
        this.transactions = transactions;
        this.loops = loops;
    }

    @Override
    public void forward(long target, Requester requester, ConnectionGate gate, ByteBuf buffer, int start, int end,
            int hops, long deadlineMs) {
        long id = nextId.getAndIncrement();
        ByteBuf frame = fabric.allocate(end - start + 32);
        int frameStart = Frames.begin(frame, FabricLayout.PROXY_REQUEST);
        frame.writeLongLE(id).writeByte(hops);
        frame.writeLong(ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, end - start));
        frame.writeBytes(buffer, start, end - start);
        Frames.end(frame, frameStart);
        pending.put(id, new Pending(requester, gate, deadlineMs));
        forwarded.increment();
        if (!fabric.send(target, frame)) {
            end(id, null); // the target is unreachable or its queue is full: the client retries
        }
    }

    @Override
    public void received(long from, int type, ByteBuf body) {
        switch (type) {
            case FabricLayout.PROXY_REQUEST -> serve(from, body);
            case FabricLayout.PROXY_REPLY -> {
                long id = body.readLongLE();
                end(id, body.readRetainedSlice(body.readableBytes()));
            }
            default -> { } // duplicate resolution is not served by this node yet: the asker times out
        }
    }

    /** Ends a proxied request with {@code reply} (the frames the client gets), or TIMEOUT when null. */
    private void end(long id, ByteBuf reply) {
        Pending request = pending.remove(id);
        if (request == null) {
            if (reply != null) {
                reply.release(); // a late reply: the client already had TIMEOUT
            }
            return;
        }
        request.requester().executor().execute(() -> {
            if (reply == null) {
                timedOut.increment();
                TransactionService.replySingle(request.requester(), ResultCode.TIMEOUT);
            } else {
                request.requester().answer(reply);
            }
            request.gate().releaseNow();
        });
    }

    /** Ends requests past their deadline; called every few milliseconds. */
    public void expire() {
        long nowMs = clock.millis();
        for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
            if (nowMs >= entry.getValue().deadlineMs()) {
                end(entry.getKey(), null);
            }
        }
    }

    private void serve(long from, ByteBuf body) {
        long id = body.readLongLE();
        int hops = body.readUnsignedByte();
        if (body.readableBytes() < ProtoHeader.BYTES) {
            throw new io.terndb.cluster.fabric.FabricFormatException("proxied request without a proto header");
        }
        long header = body.readLong();
        long bodyBytes = ProtoHeader.bodyBytes(header);
        if (ProtoHeader.type(header) != ProtoHeader.TYPE_AS_MSG || bodyBytes != body.readableBytes()) {
            throw new io.terndb.cluster.fabric.FabricFormatException("proxied request is no single AS_MSG");
        }
        served.increment();
        ByteBuf request = body.retainedSlice();
        EventExecutor loop = loops[(int) Long.remainderUnsigned(id, loops.length)];
        ProxiedRequest requester = new ProxiedRequest(from, id, loop);
        loop.execute(() -> {
            try {
                transactions.handleProxied(requester, requester, request, request.readerIndex(),
                        request.writerIndex(), hops);
            } finally {
                request.release();
            }
        });
    }

    /** A request another node forwarded here: its answer goes back over the fabric. */
    private final class ProxiedRequest implements Requester, ConnectionGate {
        private final long origin;
        private final long id;
        private final EventExecutor loop;

        ProxiedRequest(long origin, long id, EventExecutor loop) {
            this.origin = origin;
            this.id = id;
            this.loop = loop;
        }

        @Override
        public ByteBufAllocator alloc() {
            return ByteBufAllocator.DEFAULT;
        }

        @Override
        public EventExecutor executor() {
            return loop;
        }

        @Override
        public void answer(ByteBuf reply) {
            ByteBuf frame = fabric.allocate(reply.readableBytes() + 16);
            int start = Frames.begin(frame, FabricLayout.PROXY_REPLY);
            frame.writeLongLE(id);
            frame.writeBytes(reply);
            reply.release();
            fabric.send(origin, Frames.end(frame, start));
        }

        @Override
        public void abandon() {
            answer(TransactionService.headerOnlyFrame(ByteBufAllocator.DEFAULT.directBuffer(32),
                    ResultCode.TIMEOUT));
        }

        /** One request per object: nothing queues behind it, so holding is a no-op. */
        @Override
        public void hold() {
        }

        @Override
        public void release() {
        }

        @Override
        public void releaseNow() {
        }
    }
}
