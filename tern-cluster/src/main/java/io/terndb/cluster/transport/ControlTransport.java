package io.terndb.cluster.transport;

import io.terndb.cluster.message.ControlMessage;

/**
 * How the control plane reaches its peers. Delivery is best effort: a message may be lost, duplicated or
 * delayed, and the protocols above retransmit what matters. Implementations never block the caller.
 */
public interface ControlTransport {

    /** Sends to every peer this transport reaches: the seeds and every endpoint asked for with {@link #reach}. */
    void broadcast(ControlMessage message);

    /** Sends to one node, by the heartbeat endpoint it advertised; dropped when it cannot be reached now. */
    void send(long nodeId, String heartbeatEndpoint, ControlMessage message);

    /** Keeps trying to reach this heartbeat endpoint from now on (a peer learned from another's heartbeat). */
    void reach(String heartbeatEndpoint);

    /**
     * Drops the connection to this endpoint, if any, and connects anew for the next message: its node went silent,
     * and a connection a network cut stalled would otherwise resume only at TCP's next retransmission.
     */
    default void disconnect(String heartbeatEndpoint) {
    }

    /** Reaches nobody: a node that forms its own one-node cluster, or a test. */
    ControlTransport NONE = new ControlTransport() {
        @Override
        public void broadcast(ControlMessage message) {
        }

        @Override
        public void send(long nodeId, String heartbeatEndpoint, ControlMessage message) {
        }

        @Override
        public void reach(String heartbeatEndpoint) {
        }
    };
}
