package io.terndb.tools.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory peer that can be told to fail every operation. */
final class FakeTarget implements PeerTarget {
    private final AtomicIntegerArray written;
    private final boolean failing;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicBoolean used = new AtomicBoolean();

    FakeTarget(int keys, boolean failing) {
        this.written = new AtomicIntegerArray(keys);
        this.failing = failing;
    }

    @Override
    public void update(int key) {
        used.set(true);
        if (failing) {
            throw new IllegalStateException("fake failure\non two lines");
        }
        updates.incrementAndGet();
        written.set(key, 1);
    }

    @Override
    public boolean read(int key) {
        used.set(true);
        if (failing) {
            throw new IllegalStateException("fake failure");
        }
        reads.incrementAndGet();
        return written.get(key) == 1;
    }

    boolean allWritten() {
        for (int key = 0; key < written.length(); key++) {
            if (written.get(key) != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        closes.incrementAndGet();
    }
}
