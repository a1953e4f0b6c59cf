package io.terndb.client.internal.async;

import io.terndb.client.internal.cluster.Node;
import java.util.ArrayDeque;

/**
 * One node as seen by one event loop: that loop's idle connections to it (most recently used first), how many of
 * its commands are on the node now (bounded by the loop's share of {@code maxInFlightPerNode}, which also bounds
 * its sockets), and the commands waiting for that share. Loop thread only.
 */
final class NodeLoopState {

    final Node node;
    final ArrayDeque<AsyncConnection> idle = new ArrayDeque<>();
    final ArrayDeque<AsyncCommand<?>> waiting = new ArrayDeque<>();
    int inFlight;

    NodeLoopState(Node node) {
        this.node = node;
    }

    /**
     * Closes idle connections unused for {@code maxIdleNs} (all of them once the node left the cluster); returns
     * whether this state can be forgotten (node gone, nothing on it).
     */
    boolean trim(long nowNs, long maxIdleNs) {
        boolean gone = !node.isActive();
        AsyncConnection oldest;
        while ((oldest = idle.peekLast()) != null && (gone || nowNs - oldest.lastUsedNs() >= maxIdleNs)) {
            idle.pollLast().close();
        }
        return gone && inFlight == 0 && waiting.isEmpty();
    }
}
