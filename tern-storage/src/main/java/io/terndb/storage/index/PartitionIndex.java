package io.terndb.storage.index;

import static io.terndb.storage.NativeMemory.ALL;
import static io.terndb.storage.NativeMemory.INT;
import static io.terndb.storage.NativeMemory.INT_LE;
import static io.terndb.storage.NativeMemory.LONG;
import static io.terndb.storage.NativeMemory.LONG_LE;
import static io.terndb.storage.NativeMemory.SHORT;
import static io.terndb.storage.index.IndexEntryLayout.BYTES;
import static io.terndb.storage.index.IndexEntryLayout.FLAGS_OFFSET;
import static io.terndb.storage.index.IndexEntryLayout.FLAG_IN_USE;

import io.terndb.storage.NativeMemory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The primary index of one partition: an open-addressing hash table of {@link IndexEntryLayout} entries in native
 * memory, probed linearly and compacted by backward shift on removal (so there are no tombstones).
 *
 * <p>A digest is given as three parts read from its bytes in native order: {@code d0} = bytes 0..7, {@code d1} =
 * bytes 8..15, {@code d2} = bytes 16..19. Digests are uniformly random, so {@code d1} is the hash (bytes 0..1 chose
 * the partition and carry no information here).
 *
 * <p>Concurrency: every method requires {@link #lock()} to be held. The lock is also the record lock of every
 * record in the partition, which makes a read-modify-write of one record atomic. Entry addresses returned by
 * {@link #find} and {@link #insert} stay valid only until the next insert or remove.
 */
public final class PartitionIndex implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 8;
    private static final int LOAD_PERCENT_MAX = 75;

    private final ReentrantLock lock = new ReentrantLock();
    private long table;
    private int capacity;
    private int size;

    public PartitionIndex() {
        allocateTable(INITIAL_CAPACITY);
    }

    public ReentrantLock lock() {
        return lock;
    }

    public int size() {
        return size;
    }

    /** Bytes of native memory the table holds. */
    public long tableBytes() {
        return (long) capacity * BYTES;
    }

    /** The entry address for the digest, or 0 when absent. */
    public long find(long d0, long d1, int d2) {
        int mask = capacity - 1;
        for (int slot = hash(d1) & mask; ; slot = (slot + 1) & mask) {
            long entry = table + (long) slot * BYTES;
            if ((ALL.get(INT, entry + FLAGS_OFFSET) & FLAG_IN_USE) == 0) {
                return 0;
            }
            if (matches(entry, d0, d1, d2)) {
                return entry;
            }
        }
    }

    /**
     * Adds an entry for a digest known to be absent and returns its address: digest set, in use, every other
     * field zero.
     */
    public long insert(long d0, long d1, int d2) {
        if ((size + 1) * 100L > (long) capacity * LOAD_PERCENT_MAX) {
            grow();
        }
        int mask = capacity - 1;
        int slot = hash(d1) & mask;
        while ((ALL.get(INT, table + (long) slot * BYTES + FLAGS_OFFSET) & FLAG_IN_USE) != 0) {
            slot = (slot + 1) & mask;
        }
        long entry = table + (long) slot * BYTES;
        NativeMemory.fill(entry, BYTES, (byte) 0);
        ALL.set(LONG_LE, entry, d0);
        ALL.set(LONG_LE, entry + 8, d1);
        ALL.set(INT_LE, entry + 16, d2);
        ALL.set(INT, entry + FLAGS_OFFSET, FLAG_IN_USE);
        size++;
        return entry;
    }

    /** Removes the entry at {@code entry}, shifting later entries of its probe run back into the hole. */
    public void remove(long entry) {
        int mask = capacity - 1;
        int hole = (int) ((entry - table) / BYTES);
        for (int slot = (hole + 1) & mask; ; slot = (slot + 1) & mask) {
            long candidate = table + (long) slot * BYTES;
            if ((ALL.get(INT, candidate + FLAGS_OFFSET) & FLAG_IN_USE) == 0) {
                break;
            }
            int home = hash(ALL.get(LONG_LE, candidate + 8)) & mask;
            // The candidate may fill the hole only if its home slot is not cyclically within (hole, slot].
            boolean homeAfterHole = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
            if (!homeAfterHole) {
                NativeMemory.copy(candidate, table + (long) hole * BYTES, BYTES);
                hole = slot;
            }
        }
        NativeMemory.fill(table + (long) hole * BYTES, BYTES, (byte) 0);
        size--;
    }

    /** Slot count; entries are at {@link #entryAt(int)} for slots 0..capacity-1 when {@link #inUse(long)}. */
    public int capacity() {
        return capacity;
    }

    public long entryAt(int slot) {
        return table + (long) slot * BYTES;
    }

    public static boolean inUse(long entry) {
        return (ALL.get(INT, entry + FLAGS_OFFSET) & FLAG_IN_USE) != 0;
    }

    public static int generation(long entry) {
        return Short.toUnsignedInt(ALL.get(SHORT, entry + IndexEntryLayout.GENERATION_OFFSET));
    }

    public static void generation(long entry, int generation) {
        ALL.set(SHORT, entry + IndexEntryLayout.GENERATION_OFFSET, (short) generation);
    }

    public static int setId(long entry) {
        return Short.toUnsignedInt(ALL.get(SHORT, entry + IndexEntryLayout.SET_ID_OFFSET));
    }

    public static void setId(long entry, int setId) {
        ALL.set(SHORT, entry + IndexEntryLayout.SET_ID_OFFSET, (short) setId);
    }

    /** Seconds since the 2010 epoch; 0 = never expires. */
    public static long voidTime(long entry) {
        return Integer.toUnsignedLong(ALL.get(INT, entry + IndexEntryLayout.VOID_TIME_OFFSET));
    }

    public static void voidTime(long entry, long voidTime) {
        ALL.set(INT, entry + IndexEntryLayout.VOID_TIME_OFFSET, (int) voidTime);
    }

    public static long lastUpdateMs(long entry) {
        return ALL.get(LONG, entry + IndexEntryLayout.LAST_UPDATE_MS_OFFSET);
    }

    public static void lastUpdateMs(long entry, long lastUpdateMs) {
        ALL.set(LONG, entry + IndexEntryLayout.LAST_UPDATE_MS_OFFSET, lastUpdateMs);
    }

    public static long location(long entry) {
        return ALL.get(LONG, entry + IndexEntryLayout.LOCATION_OFFSET);
    }

    public static void location(long entry, long location) {
        ALL.set(LONG, entry + IndexEntryLayout.LOCATION_OFFSET, location);
    }

    /** Copies the entry's 20 digest bytes into {@code destination} at {@code offset}. */
    public static void copyDigest(long entry, byte[] destination, int offset) {
        NativeMemory.copyToArray(entry, destination, offset, IndexEntryLayout.DIGEST_BYTES);
    }

    @Override
    public void close() {
        NativeMemory.free(table);
        table = 0;
        capacity = 0;
        size = 0;
    }

    private static boolean matches(long entry, long d0, long d1, int d2) {
        return ALL.get(LONG_LE, entry + 8) == d1 && ALL.get(LONG_LE, entry) == d0 && ALL.get(INT_LE, entry + 16) == d2;
    }

    private static int hash(long d1) {
        return (int) (d1 ^ (d1 >>> 32));
    }

    private void allocateTable(int slots) {
        table = NativeMemory.allocateZeroed((long) slots * BYTES);
        capacity = slots;
    }

    private void grow() {
        long oldTable = table;
        int oldCapacity = capacity;
        allocateTable(oldCapacity * 2);
        int mask = capacity - 1;
        for (int oldSlot = 0; oldSlot < oldCapacity; oldSlot++) {
            long entry = oldTable + (long) oldSlot * BYTES;
            if (!inUse(entry)) {
                continue;
            }
            int slot = hash(ALL.get(LONG_LE, entry + 8)) & mask;
            while (inUse(table + (long) slot * BYTES)) {
                slot = (slot + 1) & mask;
            }
            NativeMemory.copy(entry, table + (long) slot * BYTES, BYTES);
        }
        NativeMemory.free(oldTable);
    }
}
