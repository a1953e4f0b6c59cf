package io.terndb.tools.bench.client;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An optional ops/s cap shared by every load thread: each operation claims the next slot on a fixed schedule and
 * waits for it. Slots missed while the client fell behind are not made up in a burst beyond one second's worth.
 */
final class Throttle {

    private final long intervalNs;
    private final AtomicLong nextSlotNs;

    private Throttle(long opsPerSecond) {
        this.intervalNs = opsPerSecond == 0 ? 0 : Math.max(1, 1_000_000_000L / opsPerSecond);
        this.nextSlotNs = new AtomicLong(System.nanoTime());
    }

    static Throttle of(long opsPerSecond) {
        return new Throttle(opsPerSecond);
    }

    boolean isOff() {
        return intervalNs == 0;
    }

    /** Blocks until this caller's slot; no-op when there is no cap. */
    void acquire() throws InterruptedException {
        if (intervalNs == 0) {
            return;
        }
        long nowNs = System.nanoTime();
        long floorNs = nowNs - 1_000_000_000L;
        long slotNs = nextSlotNs.getAndAdd(intervalNs);
        if (slotNs < floorNs) {
            nextSlotNs.compareAndSet(slotNs + intervalNs, floorNs + intervalNs);
        }
        long waitNs = slotNs - nowNs;
        if (waitNs > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNs);
        }
    }
}
