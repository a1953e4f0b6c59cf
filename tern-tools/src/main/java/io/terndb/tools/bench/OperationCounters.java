package io.terndb.tools.bench;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Failed operations and reads that found nothing, shared by all threads of one phase. */
final class OperationCounters {
    private final LongAdder errors = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    void error(RuntimeException failure) {
        errors.increment();
        if (firstError.get() == null) {
            String message = failure.getClass().getSimpleName() + ": " + Messages.oneLine(failure.getMessage());
            firstError.compareAndSet(null, message);
        }
    }

    void miss() {
        misses.increment();
    }

    long errors() {
        return errors.sum();
    }

    long misses() {
        return misses.sum();
    }

    /** The first failure seen since this object was made (warm-up included), or null. */
    String firstError() {
        return firstError.get();
    }

    /** Starts counting afresh; the first error is kept so a failing warm-up still explains itself. */
    void reset() {
        errors.reset();
        misses.reset();
    }
}
