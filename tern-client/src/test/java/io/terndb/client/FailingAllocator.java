package io.terndb.client;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pooled allocator whose next {@link #failNext} direct allocations throw {@link OutOfMemoryError}, as Netty does
 * when {@code -XX:MaxDirectMemorySize} is exhausted. Heap allocations always succeed.
 */
final class FailingAllocator extends AbstractByteBufAllocator {

    private final PooledByteBufAllocator pool = PooledByteBufAllocator.DEFAULT;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    FailingAllocator() {
        super(true);
    }

    void failNext(int count) {
        failuresLeft.set(count);
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
        if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            failed.incrementAndGet();
            throw new OutOfMemoryError("Cannot reserve " + initialCapacity + " bytes of direct buffer memory (test)");
        }
        return pool.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
        return pool.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return true;
    }
}
