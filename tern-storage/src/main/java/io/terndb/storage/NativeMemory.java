package io.terndb.storage;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Off-heap memory from the C library's allocator, addressed by raw {@code long} addresses so that no Java object
 * exists per allocation. {@link #ALL} spans the whole address space; every access goes through it with an
 * explicit address, which keeps bounds reasoning in the callers' layouts (the index and record layouts).
 *
 * <p>Why malloc rather than arenas: records are small, numerous and freed one at a time; glibc's allocator is a
 * well-kept size-class allocator with per-thread caches, which is exactly what this needs.
 */
public final class NativeMemory {

    /** A segment over all memory. Reads and writes through it are unchecked: callers own their bounds. */
    public static final MemorySegment ALL = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

    public static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED;
    public static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    public static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    public static final ValueLayout.OfByte BYTE = ValueLayout.JAVA_BYTE;
    /** Digest parts are read little-endian everywhere (index and wire) so their bytes compare as stored. */
    public static final ValueLayout.OfLong LONG_LE = LONG.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfInt INT_LE = INT.withOrder(java.nio.ByteOrder.LITTLE_ENDIAN);

    private static final MethodHandle MALLOC;
    private static final MethodHandle CALLOC;
    private static final MethodHandle ALIGNED_ALLOC;
    private static final MethodHandle FREE;
    /** Null off Linux, where the advice number means something else or nothing. */
    private static final MethodHandle MADVISE;
    private static final int MADV_HUGEPAGE = 14;

    /** A transparent huge page on x86-64 and arm64 with 4 KiB base pages. */
    public static final long HUGE_PAGE_BYTES = 2L << 20;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        MALLOC = linker.downcallHandle(libc.find("malloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG), Linker.Option.critical(false));
        CALLOC = linker.downcallHandle(libc.find("calloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Linker.Option.critical(false));
        ALIGNED_ALLOC = linker.downcallHandle(libc.find("aligned_alloc").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG),
                Linker.Option.critical(false));
        MADVISE = !System.getProperty("os.name", "").startsWith("Linux") ? null
                : linker.downcallHandle(libc.find("madvise").orElseThrow(),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT),
                        Linker.Option.critical(false));
        FREE = linker.downcallHandle(libc.find("free").orElseThrow(),
                FunctionDescriptor.ofVoid(ValueLayout.JAVA_LONG), Linker.Option.critical(false));
    }

    private NativeMemory() {
    }

    /** Allocates {@code bytes} of uninitialised memory; throws {@link OutOfMemoryError} when the C heap is full. */
    public static long allocate(long bytes) {
        long address;
        try {
            address = (long) MALLOC.invokeExact(bytes);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return allocated(address, bytes);
    }

    /** Allocates {@code bytes} of zeroed memory. */
    public static long allocateZeroed(long bytes) {
        long address;
        try {
            address = (long) CALLOC.invokeExact(1L, bytes);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return allocated(address, bytes);
    }

    /**
     * Allocates {@code bytes} of uninitialised memory starting at a multiple of {@code alignment} (a power of two
     * dividing {@code bytes}), as direct I/O needs; {@link #free} releases it.
     */
    public static long allocateAligned(long bytes, long alignment) {
        if (Long.bitCount(alignment) != 1 || bytes % alignment != 0) {
            throw new IllegalArgumentException("aligned allocation of " + bytes + " bytes at " + alignment);
        }
        long address;
        try {
            address = (long) ALIGNED_ALLOC.invokeExact(alignment, bytes);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
        return allocated(address, bytes);
    }

    /** The C allocator's answer, or {@link OutOfMemoryError} when it had no memory (null). */
    private static long allocated(long address, long bytes) {
        if (address == 0) {
            throw new OutOfMemoryError("native allocation of " + bytes + " bytes failed");
        }
        return address;
    }

    /**
     * Asks the kernel to back {@code [address, address + bytes)} with transparent huge pages where it can (a hint:
     * ignored where they are off). For big, long-lived buffers that direct I/O reads: the kernel pins one page per
     * 2 MiB instead of 512, and copies into them miss the TLB less.
     */
    public static void adviseHugePages(long address, long bytes) {
        if (MADVISE == null) {
            return;
        }
        try {
            int ignored = (int) MADVISE.invokeExact(address, bytes, MADV_HUGEPAGE);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    public static void free(long address) {
        if (address == 0) {
            return;
        }
        try {
            FREE.invokeExact(address);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    public static void copy(long from, long to, long bytes) {
        MemorySegment.copy(ALL, from, ALL, to, bytes);
    }

    public static void copyFromArray(byte[] from, int offset, long to, int bytes) {
        MemorySegment.copy(from, offset, ALL, BYTE, to, bytes);
    }

    public static void copyToArray(long from, byte[] to, int offset, int bytes) {
        MemorySegment.copy(ALL, BYTE, from, to, offset, bytes);
    }

    public static void fill(long address, long bytes, byte value) {
        ALL.asSlice(address, bytes).fill(value);
    }
}
