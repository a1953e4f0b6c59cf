package io.terndb.kvcache.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps the set's payload bytes under the capacity: above the high watermark it deletes least recently used
 * objects until the usage is at or below the low watermark, so eviction runs in bursts rather than on every
 * store. Objects pinned here are never chosen, nor those the census saw pinned on the server; every victim's
 * meta record is read again before its delete ({@link VictimDelete}), which keeps objects pinned by any process
 * since. A kept victim is not replaced within the run: the next run (the next store above the high watermark)
 * chooses again. One run at a time; a call during a run joins it.
 */
public final class Evictor {

    public static final double HIGH_WATERMARK = 0.95;
    public static final double LOW_WATERMARK = 0.85;

    private final UsageTable usage;
    private final PinTable pins;
    private final Function<String, CompletableFuture<VictimDelete.Result>> delete;
    private final long highBytes;
    private final long lowBytes;
    private final Clock clock;
    private CompletableFuture<Integer> running;

    public Evictor(UsageTable usage, PinTable pins,
            Function<String, CompletableFuture<VictimDelete.Result>> delete, long capacityBytes, Clock clock) {
        this.usage = usage;
        this.pins = pins;
        this.delete = delete;
        this.highBytes = (long) (capacityBytes * HIGH_WATERMARK);
        this.lowBytes = (long) (capacityBytes * LOW_WATERMARK);
        this.clock = clock;
    }

    /** Evicts when above the high watermark; completes with the number of objects deleted. */
    public synchronized CompletableFuture<Integer> evictIfNeeded() {
        if (running != null && !running.isDone()) {
            return running;
        }
        if (usage.usedBytes() <= highBytes) {
            return CompletableFuture.completedFuture(0);
        }
        running = deleteAll(chooseVictims());
        return running;
    }

    /**
     * Least recently used first, until what remains is at or below the low watermark. Each victim is marked in
     * the pin table, so it cannot be pinned while its delete is under way.
     */
    private List<String> chooseVictims() {
        long nowMs = clock.millis();
        long excessBytes = usage.usedBytes() - lowBytes;
        List<String> victims = new ArrayList<>();
        for (String objectKey : usage.leastRecentlyUsed(nowMs)) {
            if (excessBytes <= 0) {
                break;
            }
            if (pins.beginEviction(objectKey, nowMs)) {
                victims.add(objectKey);
                excessBytes -= usage.bytesOf(objectKey);
            }
        }
        return victims;
    }

    private CompletableFuture<Integer> deleteAll(List<String> victims) {
        List<CompletableFuture<Boolean>> deletes = new ArrayList<>(victims.size());
        for (String objectKey : victims) {
            deletes.add(delete.apply(objectKey).handle((result, failure) -> {
                VictimDelete.Outcome outcome = failure == null ? result.outcome() : VictimDelete.Outcome.FAILED;
                if (outcome == VictimDelete.Outcome.EVICTED || outcome == VictimDelete.Outcome.ABSENT) {
                    usage.removed(objectKey, clock.millis());
                } else if (outcome == VictimDelete.Outcome.PINNED) {
                    usage.leasedOnServer(objectKey, result.pinnedUntilMs());
                }
                pins.endEviction(objectKey);
                return outcome == VictimDelete.Outcome.EVICTED;
            }));
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture<?>[]::new))
                .thenApply(ignored -> (int) deletes.stream().filter(CompletableFuture::join).count());
    }
}
