package io.terndb.kvcache.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This process's pins: objects that eviction must not choose. A pin is counted (two pins need two unpins) and
 * holds for a lease from its latest pin, so a caller that never unpins does not keep an object forever. Eviction
 * and pinning exclude each other per key: an object being evicted cannot be pinned (its lookup then reports it
 * absent), and a pinned object cannot start being evicted. Each decision is one atomic map update.
 */
public final class PinTable {

    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();
    private final long leaseMs;

    public PinTable(long leaseMs) {
        if (leaseMs < 1) {
            throw new IllegalArgumentException("leaseMs=" + leaseMs + " must be >= 1");
        }
        this.leaseMs = leaseMs;
    }

    /** Pins the object until {@code nowMs + lease} or its unpin; false (and no pin) while it is being evicted. */
    public boolean pin(String objectKey, long nowMs) {
        State after = states.compute(objectKey, (key, state) -> {
            if (state != null && state.evicting()) {
                return state;
            }
            int count = state == null || state.isExpired(nowMs) ? 0 : state.count();
            return new State(count + 1, nowMs + leaseMs, false);
        });
        return !after.evicting();
    }

    /** Drops one pin; an object not pinned is left as it is. */
    public void unpin(String objectKey) {
        states.computeIfPresent(objectKey, (key, state) -> {
            if (state.evicting() || state.count() <= 1) {
                return state.evicting() ? state : null;
            }
            return new State(state.count() - 1, state.expiresAtMs(), false);
        });
    }

    public boolean isPinned(String objectKey, long nowMs) {
        State state = states.get(objectKey);
        return state != null && !state.evicting() && !state.isExpired(nowMs);
    }

    /** Marks the object as being evicted unless it holds a live pin; true when eviction may go ahead. */
    public boolean beginEviction(String objectKey, long nowMs) {
        boolean[] begun = new boolean[1];
        states.compute(objectKey, (key, state) -> {
            if (state != null && (state.evicting() || !state.isExpired(nowMs))) {
                return state;
            }
            begun[0] = true;
            return new State(0, 0, true);
        });
        return begun[0];
    }

    public void endEviction(String objectKey) {
        states.computeIfPresent(objectKey, (key, state) -> state.evicting() ? null : state);
    }

    /** Objects holding a live pin now; expired pins are dropped on the way. */
    public int pinnedCount(long nowMs) {
        states.values().removeIf(state -> !state.evicting() && state.isExpired(nowMs));
        return (int) states.values().stream().filter(state -> !state.evicting()).count();
    }

    private record State(int count, long expiresAtMs, boolean evicting) {
        boolean isExpired(long nowMs) {
            return count == 0 || nowMs >= expiresAtMs;
        }
    }
}
