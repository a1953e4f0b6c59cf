package io.terndb.client.internal.metrics;

import io.terndb.client.ClientMetrics;
import io.terndb.client.CommandKind;
import io.terndb.client.LatencySnapshot;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The client-wide counters and per-kind latency recorders. Recording is lock-free. */
public final class Metrics {

    private final LatencyRecorder[] latencies = new LatencyRecorder[CommandKind.values().length];
    public final LongAdder errors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder timeouts = new LongAdder();
    public final LongAdder connectionsOpened = new LongAdder();
    public final LongAdder connectionsClosed = new LongAdder();
    public final LongAdder rejected = new LongAdder();

    public Metrics() {
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = new LatencyRecorder();
        }
    }

    public void record(CommandKind kind, NodeMetrics node, long latencyNs) {
        latencies[kind.ordinal()].record(latencyNs);
        if (node != null) {
            node.latency.record(latencyNs);
        }
    }

    public void error(NodeMetrics node) {
        errors.increment();
        if (node != null) {
            node.errors.increment();
        }
    }

    public void timeout(NodeMetrics node) {
        timeouts.increment();
        if (node != null) {
            node.timeouts.increment();
        }
    }

    public ClientMetrics snapshot(List<NodeMetrics> nodes) {
        Map<CommandKind, LatencySnapshot> commands = new EnumMap<>(CommandKind.class);
        for (CommandKind kind : CommandKind.values()) {
            commands.put(kind, latencies[kind.ordinal()].snapshot());
        }
        Map<String, ClientMetrics.NodeMetrics> perNode = new LinkedHashMap<>();
        for (NodeMetrics node : nodes) {
            perNode.put(node.name, node.snapshot());
        }
        return new ClientMetrics(Map.copyOf(commands), Map.copyOf(perNode), errors.sum(), retries.sum(),
                timeouts.sum(), connectionsOpened.sum(), connectionsClosed.sum(), rejected.sum());
    }
}
