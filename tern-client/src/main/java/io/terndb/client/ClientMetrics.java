package io.terndb.client;

import java.util.Map;

/**
 * What the client counted since it started: latency per command kind and per node, and counters. Read with
 * {@code client.metrics()}; each call takes a fresh snapshot.
 *
 * @param commands          latency of completed commands (success or server answer) per kind
 * @param nodes             per node name: its latency and counters
 * @param errors            commands that ended with an exception
 * @param retries           attempts after the first
 * @param timeouts          attempts that timed out on the client
 * @param connectionsOpened sockets opened (sync pools, async event loops, tending)
 * @param connectionsClosed sockets closed
 * @param rejected          async commands refused by backpressure
 */
public record ClientMetrics(
        Map<CommandKind, LatencySnapshot> commands,
        Map<String, NodeMetrics> nodes,
        long errors,
        long retries,
        long timeouts,
        long connectionsOpened,
        long connectionsClosed,
        long rejected) {

    /** One node's view. {@code connectionsOpen} counts the node's sync pool and async connections now open. */
    public record NodeMetrics(
            String name,
            LatencySnapshot latency,
            long errors,
            long timeouts,
            long connectionsOpen) {
    }

    /** Sockets open now: opened minus closed. */
    public long connectionsOpen() {
        return connectionsOpened - connectionsClosed;
    }
}
