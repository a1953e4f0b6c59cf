package io.terndb.tools.bench.client;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the next operation: for {@code I} the next key not yet inserted (every key once, in order), for
 * {@code RU} a uniformly random key and a read or an update. Returns -1 when the run must stop (all keys
 * inserted, or the operation budget spent).
 */
final class KeyChooser {

    /** Marks an update in the encoded choice; the low bits are the key index. */
    static final long UPDATE = 1L << 32;

    private final BenchSettings settings;
    private final AtomicLong issued = new AtomicLong();
    private final long budget;

    KeyChooser(BenchSettings settings, long budget) {
        this.settings = settings;
        this.budget = budget;
    }

    /** The next operation: key index, or'ed with {@link #UPDATE} for writes; -1 to stop. */
    long next(SplittableRandom random) {
        long sequence = issued.getAndIncrement();
        if (budget > 0 && sequence >= budget) {
            return -1;
        }
        if (settings.workload().insert()) {
            return sequence < settings.keys() ? sequence | UPDATE : -1;
        }
        long key = random.nextInt(settings.keys());
        return random.nextInt(100) < settings.workload().readPercent() ? key : key | UPDATE;
    }

    long issued() {
        return issued.get();
    }
}
