package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.concurrent.EventExecutor;

/**
 * Who a single-record request came from and where its answer goes: a client connection, or another node that
 * proxied the request here. Answers are given on {@link #executor()}.
 */
public interface Requester {

    ByteBufAllocator alloc();

    /** The event loop this request's answers and retries run on. */
    EventExecutor executor();

    /** Sends the reply frames in {@code reply} (ownership passes). Executor thread only. */
    void answer(ByteBuf reply);

    /** The request's outcome is in doubt and no answer will come (a device failed): the requester must learn it. */
    void abandon();
}
