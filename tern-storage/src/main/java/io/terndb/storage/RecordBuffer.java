package io.terndb.storage;

/**
 * A reusable native buffer that a thread reads records into (device reads); grows to the largest record read and
 * stays. Owned by one thread. Page-aligned, so direct I/O can read into it.
 */
public final class RecordBuffer implements AutoCloseable {

    /** The buffer's address and capacity are multiples of this. */
    public static final int ALIGNMENT = 4096;

    private long address;
    private int capacity;

    /** A page-aligned address with at least {@code bytes} behind it, valid until the next call. */
    public long ensure(int bytes) {
        if (bytes > capacity) {
            NativeMemory.free(address);
            capacity = Math.max(bytes, Math.max(4096, capacity * 2));
            capacity = (capacity + ALIGNMENT - 1) & -ALIGNMENT;
            address = NativeMemory.allocateAligned(capacity, ALIGNMENT);
        }
        return address;
    }

    @Override
    public void close() {
        NativeMemory.free(address);
        address = 0;
        capacity = 0;
    }
}
