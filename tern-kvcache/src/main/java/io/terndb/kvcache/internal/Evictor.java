package io.terndb.kvcache.internal;

import io.terndb.kvcache.DeleteOutcome;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Keeps the set's payload bytes under the capacity: above the high watermark it deletes least recently used
 * objects until the usage is at or below the low watermark, so eviction runs in bursts rather than on every
 * store. Pinned objects (here or on the server) are never chosen. Deletes go through the normal delete, meta
 * record first, so an evicted object disappears whole. One run at a time; a call during a run joins it.
 */
public final class Evictor {

    public static final double HIGH_WATERMARK = 0.95;
    public static final double LOW_WATERMARK = 0.85;

    private final UsageTable usage;
    private final PinTable pins;
    private final Function<String, CompletableFuture<DeleteOutcome>> delete;
    private final long highBytes;
    private final long lowBytes;
    private final Clock clock;
    private CompletableFuture<Integer> running;

    public Evictor(UsageTable usage, PinTable pins, Function<String, CompletableFuture<DeleteOutcome>> delete,
            long capacityBytes, Clock clock) {
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
        for (String objectKey : usage.leastRecentlyUsed()) {
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
            deletes.add(delete.apply(objectKey).handle((outcome, failure) -> {
                if (outcome == DeleteOutcome.DELETED || outcome == DeleteOutcome.ABSENT) {
                    usage.removed(objectKey, clock.millis());
                }
                pins.endEviction(objectKey);
                return outcome == DeleteOutcome.DELETED;
            }));
        }
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture<?>[]::new))
                .thenApply(ignored -> (int) deletes.stream().filter(CompletableFuture::join).count());
    }
}
