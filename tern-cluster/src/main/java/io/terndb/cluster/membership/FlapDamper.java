package io.terndb.cluster.membership;

import io.terndb.cluster.ClusterSettings;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps a node that keeps restarting from causing a view per restart. A departure within
 * {@link ClusterSettings#FLAP_WINDOW_MS} of the node's admission to a view is a flap; after
 * {@link ClusterSettings#FLAPS_FORGIVEN} flaps, each arrival of that node is held back (the node is not
 * <em>eligible</em>) for a hold that starts at {@link ClusterSettings#FLAP_HOLD_MS_MIN} and doubles with each flap up
 * to {@link ClusterSettings#FLAP_HOLD_MS_MAX}. A node admitted and stable for twice the window is forgiven.
 */
public final class FlapDamper {

    private static final class History {
        int flaps;
        long admittedMs = -1;
        long eligibleFromMs;
    }

    private final Map<Long, History> histories = new HashMap<>();

    /** The node became alive at {@code nowMs}: it is eligible once its hold, if any, has passed. */
    public void arrived(long nodeId, long nowMs) {
        History history = histories.computeIfAbsent(nodeId, id -> new History());
        history.eligibleFromMs = nowMs + holdMs(history.flaps);
    }

    /** The node is a member of the view installed at {@code nowMs}. */
    public void admitted(long nodeId, long nowMs) {
        History history = histories.computeIfAbsent(nodeId, id -> new History());
        if (history.admittedMs < 0) {
            history.admittedMs = nowMs;
        }
    }

    /** The node went silent or left the view at {@code nowMs}. */
    public void departed(long nodeId, long nowMs) {
        History history = histories.get(nodeId);
        if (history == null || history.admittedMs < 0) {
            return;
        }
        long stayedMs = nowMs - history.admittedMs;
        if (stayedMs < ClusterSettings.FLAP_WINDOW_MS) {
            history.flaps++;
        } else if (stayedMs > 2 * ClusterSettings.FLAP_WINDOW_MS) {
            history.flaps = 0;
        }
        history.admittedMs = -1;
    }

    public boolean eligible(long nodeId, long nowMs) {
        History history = histories.get(nodeId);
        return history == null || nowMs >= history.eligibleFromMs;
    }

    public int flaps(long nodeId) {
        History history = histories.get(nodeId);
        return history == null ? 0 : history.flaps;
    }

    static long holdMs(int flaps) {
        if (flaps <= ClusterSettings.FLAPS_FORGIVEN) {
            return 0;
        }
        int doublings = Math.min(16, flaps - ClusterSettings.FLAPS_FORGIVEN - 1);
        return Math.min(ClusterSettings.FLAP_HOLD_MS_MAX, ClusterSettings.FLAP_HOLD_MS_MIN << doublings);
    }
}
