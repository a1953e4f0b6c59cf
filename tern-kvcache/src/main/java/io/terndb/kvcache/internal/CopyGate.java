package io.terndb.kvcache.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guards a caller's destination buffer against a load that goes on after its deadline. The reader copies each
 * segment between {@link #tryBeginCopy()} and {@link #endCopy()}; the deadline's {@link #close()} waits for the
 * copies under way (memory copies of one segment, microseconds, never I/O) and then refuses every later one. So
 * once the caller is told the load timed out, no byte reaches the buffer.
 *
 * <p>State: a count of copies under way (0 or more), or {@code CLOSED}.
 */
public final class CopyGate {

    /** For loads without a deadline. */
    public static final CopyGate ALWAYS_OPEN = new CopyGate(true);

    private static final int CLOSED = -1;

    private final AtomicInteger copying = new AtomicInteger();
    private final boolean alwaysOpen;

    public CopyGate() {
        this(false);
    }

    private CopyGate(boolean alwaysOpen) {
        this.alwaysOpen = alwaysOpen;
    }

    /** True when the caller may write the destination now (then it must call {@link #endCopy()}). */
    public boolean tryBeginCopy() {
        if (alwaysOpen) {
            return true;
        }
        int now;
        do {
            now = copying.get();
            if (now == CLOSED) {
                return false;
            }
        } while (!copying.compareAndSet(now, now + 1));
        return true;
    }

    public void endCopy() {
        if (!alwaysOpen) {
            copying.decrementAndGet();
        }
    }

    /**
     * Closes the gate once no copy is under way; true when closed by this call (the load has timed out), false
     * for a gate that never closes or was closed before.
     */
    public boolean close() {
        if (alwaysOpen) {
            return false;
        }
        while (true) {
            if (copying.compareAndSet(0, CLOSED)) {
                return true;
            }
            if (copying.get() == CLOSED) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    /** Whether the deadline has closed the gate. */
    public boolean isClosed() {
        return !alwaysOpen && copying.get() == CLOSED;
    }
}
