package io.terndb.cluster.transport;

import io.netty.buffer.ByteBuf;

/**
 * How the data plane reaches a peer: an ordered, bounded channel per peer (the fabric). Frames queued for one peer
 * arrive in the order they were queued, or not at all if the channel breaks; {@link #send} never blocks.
 */
public interface DataTransport {

    /** A buffer for one frame; the caller writes the length prefix and body ({@code FabricLayout}). */
    ByteBuf allocate(int bytesHint);

    /**
     * Queues {@code frame} for {@code node} and takes ownership of it. Returns false, and releases the frame, when the
     * node is not reachable or its queue is over its bound (backpressure: the caller retries later or fails).
     */
    boolean send(long node, ByteBuf frame);

    /** Drops the connection to {@code node}, if any (it went silent); the next frame connects anew. */
    default void disconnect(long node) {
    }
}
