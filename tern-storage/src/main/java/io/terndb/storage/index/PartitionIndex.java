package io.terndb.storage.index;

import static io.terndb.storage.NativeMemory.ALL;
import static io.terndb.storage.NativeMemory.INT;
import static io.terndb.storage.NativeMemory.INT_LE;
import static io.terndb.storage.NativeMemory.LONG;
import static io.terndb.storage.NativeMemory.LONG_LE;
import static io.terndb.storage.NativeMemory.SHORT;

import io.terndb.storage.NativeMemory;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The primary index of one partition: an open-addressing hash table in native memory whose 4-byte slots name
 * entries of the namespace's {@link IndexArena} (0 = empty), each with a 1-byte tag (8 more bits of the digest's
 * hash) in a parallel array, so a probe reads an entry (a likely cache miss) only when its tag matches. Probing is
 * linear; removal shifts later entries of the probe run back (no tombstones). A record costs its 48-byte entry plus
 * about 9 bytes of table at the average load.
 *
 * <p>A digest is given as three parts read from its bytes little-endian: {@code d0} = bytes 0..7, {@code d1} =
 * bytes 8..15, {@code d2} = bytes 16..19. Digests are uniformly random, so {@code d1} is the hash (bytes 0..1 chose
 * the partition and carry no information here).
 *
 * <p>Concurrency: every method requires {@link #lock()} to be held. The lock is also the record lock of every
 * record in the partition, which makes a read-modify-write of one record atomic. Entry addresses stay valid until
 * the entry is removed.
 */
public final class PartitionIndex implements AutoCloseable {

    private static final int INITIAL_CAPACITY = 8;
    private static final int LOAD_PERCENT_MAX = 75;
    private static final int SLOT_BYTES = Integer.BYTES;
    /** Table bytes per slot: the slot and its tag. */
    private static final int SLOT_AND_TAG_BYTES = SLOT_BYTES + 1;

    private final ReentrantLock lock = new ReentrantLock();
    private final IndexArena arena;
    private long table;
    /** {@code capacity} tag bytes after the slots. */
    private long tags;
    private int capacity;
    private int size;

    public PartitionIndex(IndexArena arena) {
        this.arena = arena;
        allocateTable(INITIAL_CAPACITY);
    }

    public ReentrantLock lock() {
        return lock;
    }

    public int size() {
        return size;
    }

    /** Bytes of native memory the slot table holds (entries are counted by the arena). */
    public long tableBytes() {
        return (long) capacity * SLOT_AND_TAG_BYTES;
    }

    /** The entry address for the digest, or 0 when absent. */
    public long find(long d0, long d1, int d2) {
        int mask = capacity - 1;
        byte tag = tag(d1);
        for (int slot = hash(d1) & mask; ; slot = (slot + 1) & mask) {
            int index = slotValue(slot);
            if (index == 0) {
                return 0;
            }
            if (tagAt(slot) == tag) {
                long entry = arena.address(index);
                if (matches(entry, d0, d1, d2)) {
                    return entry;
                }
            }
        }
    }

    /**
     * Adds an entry for a digest known to be absent and returns its address: digest set, in use, every other
     * field zero.
     */
    public long insert(long d0, long d1, int d2) {
        int index = arena.allocate();
        long entry = arena.address(index);
        ALL.set(LONG_LE, entry, d0);
        ALL.set(LONG_LE, entry + 8, d1);
        ALL.set(INT_LE, entry + 16, d2);
        ALL.set(INT, entry + IndexEntryLayout.FLAGS_OFFSET, IndexEntryLayout.FLAG_IN_USE);
        link(index, d1);
        return entry;
    }

    /** Adds an arena entry that already holds a digest (a warm restart re-linking its entries). */
    public void link(int index, long d1) {
        if ((size + 1) * 100L > (long) capacity * LOAD_PERCENT_MAX) {
            grow();
        }
        placeInEmptySlot(index, d1);
        size++;
    }

    /** Removes the entry at {@code entry} and returns it to the arena. */
    public void remove(long entry) {
        int mask = capacity - 1;
        int hole = hash(ALL.get(LONG_LE, entry + 8)) & mask;
        while (arena.address(slotValue(hole)) != entry) {
            hole = (hole + 1) & mask;
        }
        int index = slotValue(hole);
        for (int slot = (hole + 1) & mask; ; slot = (slot + 1) & mask) {
            int candidate = slotValue(slot);
            if (candidate == 0) {
                break;
            }
            int home = hash(ALL.get(LONG_LE, arena.address(candidate) + 8)) & mask;
            // The candidate may fill the hole only if its home slot is not cyclically within (hole, slot].
            boolean homeAfterHole = hole <= slot ? (home > hole && home <= slot) : (home > hole || home <= slot);
            if (!homeAfterHole) {
                setSlot(hole, candidate, tagAt(slot));
                hole = slot;
            }
        }
        setSlot(hole, 0, (byte) 0);
        size--;
        arena.free(index);
    }

    /** Decides, for one entry of a sweep, whether to remove it; if so, it removes it and returns true. */
    @FunctionalInterface
    public interface Sweeper {
        boolean removed(long entry);
    }

    /**
     * Offers every entry to {@code sweeper}, which may remove the entry it is given (removal shifts another entry
     * into the slot, which is offered next). Requires the lock. Returns how many entries were removed.
     */
    public long sweep(Sweeper sweeper) {
        long removed = 0;
        int slot = 0;
        while (slot < capacity) {
            long entry = entryAt(slot);
            if (entry != 0 && sweeper.removed(entry)) {
                removed++;
                continue;
            }
            slot++;
        }
        return removed;
    }

    /** Slot count; {@link #entryAt(int)} gives each slot's entry address, or 0 for an empty slot. */
    public int capacity() {
        return capacity;
    }

    public long entryAt(int slot) {
        int index = slotValue(slot);
        return index == 0 ? 0 : arena.address(index);
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

    public static boolean tombstone(long entry) {
        return (flags(entry) & IndexEntryLayout.FLAG_TOMBSTONE) != 0;
    }

    /** Whether the record has a void time at or before {@code nowSeconds} (2010-epoch seconds). */
    public static boolean expired(long entry, long nowSeconds) {
        long voidTime = voidTime(entry);
        return voidTime != 0 && voidTime <= nowSeconds;
    }

    public static void voidTime(long entry, long voidTime) {
        ALL.set(INT, entry + IndexEntryLayout.VOID_TIME_OFFSET, (int) voidTime);
    }

    public static int flags(long entry) {
        return ALL.get(INT, entry + IndexEntryLayout.FLAGS_OFFSET);
    }

    public static void flags(long entry, int flags) {
        ALL.set(INT, entry + IndexEntryLayout.FLAGS_OFFSET, flags);
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

    public static long digestPart1(long entry) {
        return ALL.get(LONG_LE, entry + 8);
    }

    /** Copies the entry's 20 digest bytes into {@code destination} at {@code offset}. */
    public static void copyDigest(long entry, byte[] destination, int offset) {
        NativeMemory.copyToArray(entry, destination, offset, IndexEntryLayout.DIGEST_BYTES);
    }

    /** Frees the slot table; the entries belong to the arena, which the namespace closes. */
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

    /** Bits of d1 the slot position never uses (a partition's table stays far below 2^24 slots). */
    private static byte tag(long d1) {
        return (byte) (d1 >>> 56);
    }

    private byte tagAt(int slot) {
        return ALL.get(NativeMemory.BYTE, tags + slot);
    }

    private void placeInEmptySlot(int index, long d1) {
        int mask = capacity - 1;
        int slot = hash(d1) & mask;
        while (slotValue(slot) != 0) {
            slot = (slot + 1) & mask;
        }
        setSlot(slot, index, tag(d1));
    }

    private int slotValue(int slot) {
        return ALL.get(INT, table + (long) slot * SLOT_BYTES);
    }

    private void setSlot(int slot, int index, byte tag) {
        ALL.set(INT, table + (long) slot * SLOT_BYTES, index);
        ALL.set(NativeMemory.BYTE, tags + slot, tag);
    }

    private void allocateTable(int slots) {
        table = NativeMemory.allocateZeroed((long) slots * SLOT_AND_TAG_BYTES);
        tags = table + (long) slots * SLOT_BYTES;
        capacity = slots;
    }

    private void grow() {
        long oldTable = table;
        int oldCapacity = capacity;
        allocateTable(oldCapacity * 2);
        for (int oldSlot = 0; oldSlot < oldCapacity; oldSlot++) {
            int index = ALL.get(INT, oldTable + (long) oldSlot * SLOT_BYTES);
            if (index == 0) {
                continue;
            }
            placeInEmptySlot(index, ALL.get(LONG_LE, arena.address(index) + 8));
        }
        NativeMemory.free(oldTable);
    }
}
