package io.terndb.client.internal.async;

import java.util.ArrayDeque;

/**
 * One node as seen by one event loop: that loop's idle connections to it, how many of its commands are on the node
 * now (bounded by the loop's share of {@code maxInFlightPerNode}, which also bounds its sockets), and the commands
 * waiting for that share. Loop thread only.
 */
final class NodeLoopState {

    final ArrayDeque<AsyncConnection> idle = new ArrayDeque<>();
    final ArrayDeque<AsyncCommand<?>> waiting = new ArrayDeque<>();
    int inFlight;
}
