package io.terndb.storage;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The sets of one namespace: id 0 means "no set", ids 1..{@link #SETS_MAX} are given out on first use and never
 * reused (the index stores the id). Per-set object and byte counts are kept here for the {@code sets} info command.
 *
 * <p>Lookups compare raw UTF-8 bytes so the request path allocates no strings; registration takes a lock.
 */
public final class SetRegistry {

    public static final int SETS_MAX = 1023;
    public static final int NO_SET = 0;

    private volatile byte[][] names = new byte[SETS_MAX + 1][];
    private volatile int count;
    private final AtomicLongArray objects = new AtomicLongArray(SETS_MAX + 1);
    private final AtomicLongArray dataBytes = new AtomicLongArray(SETS_MAX + 1);

    /** The id of the set named by {@code length} UTF-8 bytes of {@code name} at {@code offset}, or -1 if unknown. */
    public int find(byte[] name, int offset, int length) {
        if (length == 0) {
            return NO_SET;
        }
        byte[][] known = names;
        int knownCount = count;
        for (int id = 1; id <= knownCount; id++) {
            byte[] candidate = known[id];
            if (candidate.length == length && Arrays.equals(candidate, 0, length, name, offset, offset + length)) {
                return id;
            }
        }
        return -1;
    }

    /** The id of the named set, registering it if new; -1 when all {@link #SETS_MAX} ids are taken. */
    public int findOrAdd(byte[] name, int offset, int length) {
        int id = find(name, offset, length); // known sets need no lock
        return id >= 0 ? id : add(name, offset, length);
    }

    private synchronized int add(byte[] name, int offset, int length) {
        int id = find(name, offset, length);
        if (id >= 0) {
            return id;
        }
        if (count == SETS_MAX) {
            return -1;
        }
        id = count + 1;
        names[id] = Arrays.copyOfRange(name, offset, offset + length);
        count = id; // volatile write publishes names[id]
        return id;
    }

    public int count() {
        return count;
    }

    public String name(int id) {
        return id == NO_SET ? "" : new String(names[id], StandardCharsets.UTF_8);
    }

    public byte[] nameBytes(int id) {
        return id == NO_SET ? null : names[id];
    }

    public void recordAdded(int id, long bytes) {
        objects.incrementAndGet(id);
        dataBytes.addAndGet(id, bytes);
    }

    public void recordRemoved(int id, long bytes) {
        objects.decrementAndGet(id);
        dataBytes.addAndGet(id, -bytes);
    }

    public void recordResized(int id, long deltaBytes) {
        dataBytes.addAndGet(id, deltaBytes);
    }

    public long objects(int id) {
        return objects.get(id);
    }

    public long dataBytes(int id) {
        return dataBytes.get(id);
    }
}
