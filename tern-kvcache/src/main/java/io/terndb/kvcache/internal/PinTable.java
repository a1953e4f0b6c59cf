package io.terndb.kvcache.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * This process's pins: objects that eviction must not choose. A pin is counted (two pins need two unpins) and
 * holds for a lease from its latest pin, so a caller that never unpins does not keep an object forever. Eviction
 * and pinning exclude each other per key: an object being evicted cannot be pinned (its lookup then reports it
 * absent), and a pinned object cannot start being evicted. Each decision is one atomic map update.
 *
 * <p>Each pin also remembers the meta record's generation after this process's latest lease write on the server
 * ({@link ServerPins}), so the last unpin can clear that lease only if nothing was written since.
 */
public final class PinTable {

    /** No server lease of this process is known (not written yet, or the object was not pinned). */
    public static final int NO_SERVER_LEASE = 0;

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
            boolean live = state != null && !state.isExpired(nowMs);
            return new State(live ? state.count() + 1 : 1, nowMs + leaseMs, false,
                    live ? state.serverGeneration() : NO_SERVER_LEASE);
        });
        return !after.evicting();
    }

    /** The lease this process's pin wrote on the server left the meta record at {@code generation}. */
    public void leasedOnServer(String objectKey, int generation) {
        states.computeIfPresent(objectKey, (key, state) -> state.evicting() ? state
                : new State(state.count(), state.expiresAtMs(), false, generation));
    }

    /**
     * Drops one pin; an object not pinned is left as it is. Returns the generation to clear the server lease at
     * when this was the object's last pin and its lease write is known, else {@link #NO_SERVER_LEASE}.
     */
    public int unpin(String objectKey) {
        int[] lastGeneration = {NO_SERVER_LEASE};
        states.computeIfPresent(objectKey, (key, state) -> {
            if (state.evicting()) {
                return state;
            }
            if (state.count() <= 1) {
                lastGeneration[0] = state.serverGeneration();
                return null;
            }
            return new State(state.count() - 1, state.expiresAtMs(), false, state.serverGeneration());
        });
        return lastGeneration[0];
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
            return new State(0, 0, true, NO_SERVER_LEASE);
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

    /** @param serverGeneration the meta record's generation after this process's latest lease write, or none */
    private record State(int count, long expiresAtMs, boolean evicting, int serverGeneration) {
        boolean isExpired(long nowMs) {
            return count == 0 || nowMs >= expiresAtMs;
        }
    }
}
