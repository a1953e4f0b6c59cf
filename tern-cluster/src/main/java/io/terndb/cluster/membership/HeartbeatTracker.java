package io.terndb.cluster.membership;

import io.terndb.cluster.message.ControlMessage.Heartbeat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this node knows of each peer from its heartbeats: when it was last heard, whom it hears, its view and its
 * endpoints. A peer is alive while its last heartbeat is younger than the timeout; a peer whose endpoint refuses
 * connections is gone at once (its process is not there), which spares the timeout when a node dies.
 */
public final class HeartbeatTracker {

    /** One peer, as of its last heartbeat. */
    public static final class Peer {
        final long nodeId;
        long firstHeardMs;
        long lastHeardMs;
        Heartbeat last;
        boolean alive;

        Peer(long nodeId) {
            this.nodeId = nodeId;
        }

        public long nodeId() {
            return nodeId;
        }

        public Heartbeat last() {
            return last;
        }

        /** When this peer's current run of heartbeats began (its arrival). */
        public long firstHeardMs() {
            return firstHeardMs;
        }
    }

    private final long selfId;
    private final long timeoutMs;
    private final Map<Long, Peer> peers = new HashMap<>();

    public HeartbeatTracker(long selfId, long timeoutMs) {
        this.selfId = selfId;
        this.timeoutMs = timeoutMs;
    }

    /** Records a heartbeat; returns true when the sender arrived (was not alive before). */
    public boolean heard(Heartbeat heartbeat, long nowMs) {
        if (heartbeat.from() == selfId) {
            return false;
        }
        Peer peer = peers.computeIfAbsent(heartbeat.from(), Peer::new);
        boolean arrived = !peer.alive;
        if (arrived) {
            peer.alive = true;
            peer.firstHeardMs = nowMs;
        }
        peer.lastHeardMs = Math.max(peer.lastHeardMs, nowMs);
        peer.last = heartbeat;
        return arrived;
    }

    /** Marks peers silent past the timeout as gone; returns their ids. */
    public List<Long> expire(long nowMs) {
        List<Long> departed = new ArrayList<>();
        for (Peer peer : peers.values()) {
            if (peer.alive && nowMs - peer.lastHeardMs > timeoutMs) {
                peer.alive = false;
                departed.add(peer.nodeId);
            }
        }
        return departed;
    }

    /** A connection to {@code heartbeatEndpoint} was refused: the peers that advertised it are gone now. */
    public List<Long> unreachable(String heartbeatEndpoint) {
        List<Long> departed = new ArrayList<>();
        for (Peer peer : peers.values()) {
            if (peer.alive && peer.last != null && peer.last.endpoints().heartbeat().equals(heartbeatEndpoint)) {
                peer.alive = false;
                departed.add(peer.nodeId);
            }
        }
        return departed;
    }

    public boolean alive(long nodeId) {
        Peer peer = peers.get(nodeId);
        return peer != null && peer.alive;
    }

    /** The peer's record, or null if never heard. */
    public Peer peer(long nodeId) {
        return peers.get(nodeId);
    }

    /** Ids of the peers alive now (self excluded). */
    public long[] aliveIds() {
        return peers.values().stream().filter(p -> p.alive).mapToLong(p -> p.nodeId).sorted().toArray();
    }

    /** Whether {@code a} says it hears {@code b} in its last heartbeat (self's own adjacency is not kept here). */
    public boolean reports(long a, long b) {
        Peer peer = peers.get(a);
        if (peer == null || peer.last == null) {
            return false;
        }
        for (long id : peer.last.adjacency()) {
            if (id == b) {
                return true;
            }
        }
        return false;
    }

    /** The heartbeat endpoints every alive peer advertised, for the mesh's "known peers" list. */
    public List<String> aliveEndpoints() {
        List<String> endpoints = new ArrayList<>();
        for (Peer peer : peers.values()) {
            if (peer.alive && peer.last != null) {
                endpoints.add(peer.last.endpoints().heartbeat());
            }
        }
        endpoints.sort(null);
        return endpoints;
    }

    /** Forgets everything (a node that restarts in a simulation). */
    public void clear() {
        peers.clear();
    }
}
