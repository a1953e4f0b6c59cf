package io.terndb.client.internal.metrics;

import io.terndb.client.ClientMetrics;
import java.util.concurrent.atomic.LongAdder;

/** One node's latency and counters. */
public final class NodeMetrics {

    final String name;
    final LatencyRecorder latency = new LatencyRecorder();
    final LongAdder errors = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    /** Sockets to this node open now, sync and async. */
    public final LongAdder connectionsOpen = new LongAdder();

    public NodeMetrics(String name) {
        this.name = name;
    }

    ClientMetrics.NodeMetrics snapshot() {
        return new ClientMetrics.NodeMetrics(name, latency.snapshot(), errors.sum(), timeouts.sum(),
                connectionsOpen.sum());
    }
}
