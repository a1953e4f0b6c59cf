package io.terndb.client.internal.cluster;

import io.terndb.client.Host;
import io.terndb.client.internal.metrics.NodeMetrics;
import io.terndb.client.internal.net.ConnectionPool;
import java.net.InetSocketAddress;

/**
 * One server of the cluster as the client knows it: its name and address, the generations last seen by the
 * tender, its sync connection pool, and one slot per async event loop for that loop's own connections. Tending
 * state is touched by the tender thread only; {@link #isActive()} is read by every command.
 */
public final class Node {

    private final String name;
    private final Host host;
    private final InetSocketAddress address;
    private final ConnectionPool pool;
    private final NodeMetrics metrics;
    /** Per event loop state, written and read only by that loop's thread. */
    private final Object[] loopStates;
    private volatile boolean active = true;

    /** The partition generation of the last replicas reply applied; -1 forces a fetch. */
    long partitionGeneration = -1;
    /** The peers generation of the last peers reply applied; -1 forces a fetch. */
    long peersGeneration = -1;
    /** Tends in a row whose info request failed. */
    int failures;
    /** Peers this node listed at its last peers fetch. */
    java.util.Set<String> peerNames = java.util.Set.of();

    public Node(String name, Host host, InetSocketAddress address, ConnectionPool pool, NodeMetrics metrics,
            int eventLoops) {
        this.name = name;
        this.host = host;
        this.address = address;
        this.pool = pool;
        this.metrics = metrics;
        this.loopStates = new Object[eventLoops];
    }

    public String name() {
        return name;
    }

    public Host host() {
        return host;
    }

    public InetSocketAddress address() {
        return address;
    }

    public ConnectionPool pool() {
        return pool;
    }

    public NodeMetrics metrics() {
        return metrics;
    }

    public boolean isActive() {
        return active;
    }

    void deactivate() {
        active = false;
    }

    public Object loopState(int loop) {
        return loopStates[loop];
    }

    public void loopState(int loop, Object state) {
        loopStates[loop] = state;
    }

    @Override
    public String toString() {
        return name + "@" + host;
    }
}
