package io.terndb.server.cdt.map;

import io.terndb.protocol.msgpack.IndexSort;
import io.terndb.protocol.msgpack.MsgPackFormat;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOrder;
import io.terndb.protocol.msgpack.MsgPackOutput;
import java.lang.foreign.MemorySegment;

/**
 * A map value read in place: its ordering flags, its pair count, and the offsets of each pair's key and value
 * (one pass, reused {@code int} arrays). Pairs are stored in key order when the map is key-ordered, else in
 * insertion order; "index" always means key order and "rank" value order (equal values by storage order), as
 * in the original.
 *
 * <pre>
 *  map:    map header (pairs, +1 with a header) | [c7 00 flags  c0] | key 0 | value 0 | key 1 | value 1 | ...
 *  keys[i] = start of key i - contents; values[i] = start of value i - contents; keys[count] = end - contents
 * </pre>
 */
public final class PackedMap {

    private final MsgPackInput input = new MsgPackInput();
    private final MsgPackOrder order;
    private final IndexSort sorter = new IndexSort();
    private MemorySegment segment = MemorySegment.NULL;
    private long start;
    private long contents;
    private int flags;
    private int count;
    private int[] keys = new int[17];
    private int[] values = new int[16];
    private int[] sorted = new int[16];
    private final IndexSort.Comparison byKey = (left, right) -> compareAt(keyAt(left), keyAt(right));
    private final IndexSort.Comparison byValue = (left, right) -> compareAt(valueAt(left), valueAt(right));

    public PackedMap(MsgPackOrder order) {
        this.order = order;
    }

    /** Reads the map whose first byte is at {@code at}; throws {@code MalformedMsgPackException} if malformed. */
    public void init(MemorySegment segment, long at, long limit) {
        this.segment = segment;
        this.start = at;
        input.wrap(segment, at, limit - at);
        int total = input.readMapHeader();
        flags = 0;
        int header = input.readOrderHeader(total);
        if (header >= 0) {
            input.skip(); // the header's value (nil)
            flags = header;
            total--;
        }
        count = total;
        contents = input.position();
        if (keys.length < count + 1) {
            keys = new int[Math.max(count + 1, keys.length * 2)];
            values = new int[keys.length];
        }
        for (int i = 0; i < count; i++) {
            keys[i] = (int) (input.position() - contents);
            input.skip();
            values[i] = (int) (input.position() - contents);
            input.skip();
        }
        keys[count] = (int) (input.position() - contents);
    }

    public MemorySegment segment() {
        return segment;
    }

    public int flags() {
        return flags;
    }

    public boolean keyOrdered() {
        return (flags & MsgPackFormat.MAP_KEY_ORDERED) != 0;
    }

    public int count() {
        return count;
    }

    public long start() {
        return start;
    }

    public long end() {
        return contents + keys[count];
    }

    /** Start of pair {@code index} (its key); {@code index == count} is the end of the map. */
    public long keyAt(int index) {
        return contents + keys[index];
    }

    public long valueAt(int index) {
        return contents + values[index];
    }

    /** End of pair {@code index} (its value). */
    public long pairEnd(int index) {
        return contents + keys[index + 1];
    }

    private int compareAt(long left, long right) {
        return order.compare(segment, left, end(), segment, right, end());
    }

    private int compareKey(int index, MemorySegment keySegment, long at, long end) {
        return order.compare(segment, keyAt(index), end(), keySegment, at, end);
    }

    /** The pair whose key equals the key at {@code [at, end)}, or -1. */
    public int findKey(MemorySegment keySegment, long at, long end) {
        if (keyOrdered()) {
            int index = keyInsertionIndex(keySegment, at, end);
            return index < count && compareKey(index, keySegment, at, end) == 0 ? index : -1;
        }
        for (int i = 0; i < count; i++) {
            if (compareKey(i, keySegment, at, end) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Where a new key goes: its place in a key-ordered map, the end of an unordered one. */
    public int keyInsertionIndex(MemorySegment keySegment, long at, long end) {
        if (!keyOrdered()) {
            return count;
        }
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compareKey(middle, keySegment, at, end) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The storage position of the pair at key-order {@code index} (0 <= index < count). */
    public int pairByIndex(int index) {
        if (keyOrdered()) {
            return index;
        }
        return sortedPairs(byKey)[index];
    }

    /** The storage position of the pair at value-order {@code rank} (0 <= rank < count). */
    public int pairByRank(int rank) {
        return sortedPairs(byValue)[rank];
    }

    /** The first pair (in storage order) whose value equals the value at {@code [at, end)}, or -1. */
    public int findValue(MemorySegment valueSegment, long at, long end) {
        for (int i = 0; i < count; i++) {
            if (order.compare(segment, valueAt(i), end(), valueSegment, at, end) == 0) {
                return i;
            }
        }
        return -1;
    }

    private int[] sortedPairs(IndexSort.Comparison comparison) {
        if (sorted.length < count) {
            sorted = new int[Math.max(count, sorted.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            sorted[i] = i;
        }
        sorter.sort(sorted, 0, count, comparison);
        return sorted;
    }

    /** Writes a map header for {@code pairs} pairs with {@code flags} (an ordering header when non-zero). */
    public static void writeHeader(MsgPackOutput out, int flags, int pairs) {
        if (flags != 0) {
            out.writeMapHeader(pairs + 1);
            out.writeOrderHeader(flags);
            out.writeNil();
        } else {
            out.writeMapHeader(pairs);
        }
    }
}
