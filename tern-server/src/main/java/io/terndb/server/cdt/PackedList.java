package io.terndb.server.cdt;

import io.terndb.protocol.msgpack.MsgPackFormat;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A list value read in place: its ordering flags, its element count, and an offset table built in one pass (the
 * only per-element state, a reused {@code int} array). Elements are addressed by index as spans of the
 * underlying segment.
 *
 * <pre>
 *  list:    array header (count, +1 with a header) | [c7 00 flags] | element 0 | element 1 | ...
 *  offsets: offsets[i] = start of element i - contents; offsets[count] = end of the list - contents
 * </pre>
 */
final class PackedList {

    private final MsgPackInput input = new MsgPackInput();
    private MemorySegment segment = MemorySegment.NULL;
    private long start;
    private long contents;
    private int flags;
    private int count;
    private int[] offsets = new int[17];

    /** Reads the list whose first byte is at {@code at} (bounded by {@code limit}); throws if malformed. */
    void init(MemorySegment segment, long at, long limit) {
        this.segment = segment;
        this.start = at;
        input.wrap(segment, at, limit - at);
        int total = input.readArrayHeader();
        flags = 0;
        int header = input.readOrderHeader(total);
        if (header >= 0) {
            flags = header;
            total--;
        }
        count = total;
        contents = input.position();
        if (offsets.length < count + 1) {
            offsets = new int[Math.max(count + 1, offsets.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            offsets[i] = (int) (input.position() - contents);
            input.skip();
        }
        offsets[count] = (int) (input.position() - contents);
    }

    /** An empty list with {@code flags} (a bin or element that does not exist yet). */
    void initEmpty(int flags) {
        this.segment = MemorySegment.NULL;
        this.start = 0;
        this.contents = 0;
        this.flags = flags;
        this.count = 0;
        offsets[0] = 0;
    }

    MemorySegment segment() {
        return segment;
    }

    int flags() {
        return flags;
    }

    boolean ordered() {
        return (flags & MsgPackFormat.LIST_ORDERED) != 0;
    }

    int count() {
        return count;
    }

    /** Where the list's bytes start and end. */
    long start() {
        return start;
    }

    long end() {
        return contents + offsets[count];
    }

    /** The position of element {@code index}; {@code index == count} is the end of the list. */
    long at(int index) {
        return contents + offsets[index];
    }

    int size(int index) {
        return offsets[index + 1] - offsets[index];
    }

    /** Bytes of elements {@code [from, to)}. */
    int bytes(int from, int to) {
        return offsets[to] - offsets[from];
    }

    /** Copies elements {@code [from, to)} to {@code out}. */
    void copy(MsgPackOutput out, int from, int to) {
        if (to > from) {
            out.writeBytes(segment, at(from), bytes(from, to));
        }
    }

    /** Writes a list header for {@code count} elements with {@code flags} (an ordering ext when non-zero). */
    static void writeHeader(MsgPackOutput out, int flags, int count) {
        if (flags != 0) {
            out.writeArrayHeader(count + 1);
            out.writeOrderHeader(flags);
        } else {
            out.writeArrayHeader(count);
        }
    }

    /** A copy of the offsets (tests). */
    int[] offsetsCopy() {
        return Arrays.copyOf(offsets, count + 1);
    }
}
