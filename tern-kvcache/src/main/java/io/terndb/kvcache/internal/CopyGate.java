package io.terndb.kvcache.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guards a caller's destination buffer against a load that finishes after its deadline: the reader copies only
 * after {@link #tryBeginCopy()} succeeds, and the deadline closes the gate only if no copy has begun. So once the
 * caller was told the load timed out, no byte reaches the buffer; a copy already under way (a memory copy, not
 * I/O) finishes and the load reports its real result instead.
 */
public final class CopyGate {

    /** For loads without a deadline. */
    public static final CopyGate ALWAYS_OPEN = new CopyGate(true);

    private static final int OPEN = 0;
    private static final int COPYING = 1;
    private static final int CLOSED = 2;

    private final AtomicInteger state = new AtomicInteger(OPEN);
    private final boolean alwaysOpen;

    public CopyGate() {
        this(false);
    }

    private CopyGate(boolean alwaysOpen) {
        this.alwaysOpen = alwaysOpen;
    }

    /** True when the caller may write the destination; false once the deadline has closed the gate. */
    public boolean tryBeginCopy() {
        return alwaysOpen || state.compareAndSet(OPEN, COPYING);
    }

    /** Closes the gate unless a copy has begun; true when closed by this call (the load has timed out). */
    public boolean close() {
        return !alwaysOpen && state.compareAndSet(OPEN, CLOSED);
    }
}
