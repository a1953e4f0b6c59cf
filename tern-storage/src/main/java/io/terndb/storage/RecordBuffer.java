package io.terndb.storage;

/**
 * A reusable native buffer that a thread reads records into (device reads); grows to the largest record read and
 * stays. Owned by one thread.
 */
public final class RecordBuffer implements AutoCloseable {

    private long address;
    private int capacity;

    public long ensure(int bytes) {
        if (bytes > capacity) {
            NativeMemory.free(address);
            capacity = Math.max(bytes, Math.max(4096, capacity * 2));
            address = NativeMemory.allocate(capacity);
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
