package io.terndb.cluster.transport;

import io.netty.buffer.ByteBuf;

/**
 * Frames the distribution layer does not handle itself: proxied requests and their replies, and duplicate
 * resolution, which run the server's transactions. {@code body} is the frame after its length prefix and type byte,
 * valid only during the call.
 */
public interface FabricHandler {

    void received(long from, int type, ByteBuf body);

    /** A handler for a node that serves no proxies (a simulator, a test). */
    FabricHandler NONE = (from, type, body) -> { };
}
