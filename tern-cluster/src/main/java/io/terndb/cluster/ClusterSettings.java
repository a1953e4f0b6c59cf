package io.terndb.cluster;

/**
 * The timing of one node's distribution layer, every interval derived here from the two heartbeat settings so the
 * relations between them hold by construction (checked in the constructor).
 *
 * @param nodeId                    this node's 64-bit id, never 0
 * @param clusterName               nodes with different names never form a cluster ({@code cluster-name})
 * @param heartbeatIntervalMs       {@code interval}: how often a node tells its peers it is alive
 * @param heartbeatTimeoutIntervals {@code timeout}: missed intervals after which a silent peer is gone
 */
public record ClusterSettings(long nodeId, String clusterName, int heartbeatIntervalMs,
        int heartbeatTimeoutIntervals) {

    public static final int HEARTBEAT_INTERVAL_MS_DEFAULT = 150;
    public static final int HEARTBEAT_TIMEOUT_INTERVALS_DEFAULT = 10;
    /** A departure within this long of a node's admission counts as a flap. */
    public static final long FLAP_WINDOW_MS = 60_000;
    /** The first hold-back of a flapping node; it doubles with each further flap, up to {@link #FLAP_HOLD_MS_MAX}. */
    public static final long FLAP_HOLD_MS_MIN = 2_000;
    public static final long FLAP_HOLD_MS_MAX = 60_000;
    /** Flaps forgiven before a node is held back at all (a single restart is no flap storm). */
    public static final int FLAPS_FORGIVEN = 1;

    public ClusterSettings {
        if (nodeId == 0) {
            throw new IllegalArgumentException("nodeId=0");
        }
        if (heartbeatIntervalMs < 1 || heartbeatTimeoutIntervals < 2) {
            throw new IllegalArgumentException("heartbeatIntervalMs=" + heartbeatIntervalMs
                    + " heartbeatTimeoutIntervals=" + heartbeatTimeoutIntervals);
        }
        clusterName = clusterName == null ? "" : clusterName;
    }

    public static ClusterSettings defaults(long nodeId) {
        return new ClusterSettings(nodeId, "", HEARTBEAT_INTERVAL_MS_DEFAULT, HEARTBEAT_TIMEOUT_INTERVALS_DEFAULT);
    }

    /** A peer not heard from for this long is gone. */
    public long heartbeatTimeoutMs() {
        return (long) heartbeatIntervalMs * heartbeatTimeoutIntervals;
    }

    /** Adjacency must have been unchanged this long before a principal proposes a new view (batches bursts). */
    public long settleMs() {
        return 2L * heartbeatIntervalMs;
    }

    /** A pending change waits at most this long for adjacency to settle (the original's quantum, shortened). */
    public long quantumMaxMs() {
        return Math.max(settleMs(), Math.min(1_000, heartbeatTimeoutMs()));
    }

    /** A Paxos round not finished in this long is abandoned; the principal may propose again after. */
    public long proposalTimeoutMs() {
        return Math.max(250, 2L * heartbeatIntervalMs);
    }

    /** Unanswered control messages (Paxos, exchange) are sent again after this long. */
    public long retransmitMs() {
        return Math.max(20, Math.min(100, heartbeatIntervalMs / 2));
    }

    /** A member whose heartbeats show another cluster key for this long is brought back by a new proposal. */
    public long keyDisagreementMs() {
        return 3L * heartbeatIntervalMs;
    }
}
