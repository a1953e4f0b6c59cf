package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import java.lang.foreign.MemorySegment;

/**
 * The ops that add or replace elements: insert (append is an insert at the end), add to an ordered list (at the
 * value's place), set and increment. The value to add is already in stored form in {@link ListState#value}; an
 * items op adds the elements of the list there. Results: the new size for inserts and adds, nothing for set, the
 * new value for increment.
 */
final class ListInserts {

    /** Indexes beyond this are refused (the original works in 32-bit indexes). */
    private static final long INDEX_MAX = Integer.MAX_VALUE;

    private ListInserts() {
    }

    private static int exists(long flags) {
        return (flags & WRITE_NO_FAIL) != 0 ? ResultCode.OK : ResultCode.ELEMENT_EXISTS;
    }

    private static boolean partial(long flags) {
        return (flags & (WRITE_NO_FAIL | WRITE_PARTIAL)) == (WRITE_NO_FAIL | WRITE_PARTIAL);
    }

    private static void setSize(ListState state, boolean setResult, long size) {
        if (setResult) {
            state.result.setInteger(size);
        }
    }

    private static boolean contains(ListState state, MemorySegment segment, long at, long end) {
        PackedList list = state.list;
        for (int i = 0; i < list.count(); i++) {
            if (state.compareToValue(i, segment, at, end) == 0) {
                return true;
            }
        }
        return false;
    }

    /** Inserts the value (or the items) at {@code index} of an unordered list, padding with nils past the end. */
    static int insert(ListState state, long index, boolean items, long flags, boolean setResult) {
        PackedList list = state.list;
        MsgPackOutput value = state.value;
        int total = list.count();
        int added = 1;
        if (items) {
            state.items.init(value.segment(), 0, value.length());
            added = state.items.count();
            if (added == 0) {
                setSize(state, setResult, total);
                return ResultCode.OK;
            }
        }
        long absolute = ListSelections.absoluteIndex(index, total);
        if (index > INDEX_MAX || absolute < 0) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        if ((flags & WRITE_INSERT_BOUNDED) != 0 && absolute > total) {
            if ((flags & WRITE_NO_FAIL) != 0) {
                setSize(state, setResult, total);
                return ResultCode.OK;
            }
            return ResultCode.OP_NOT_APPLICABLE;
        }
        boolean[] skip = null;
        if ((flags & WRITE_ADD_UNIQUE) != 0) {
            if (!items) {
                if (contains(state, value.segment(), 0, value.length())) {
                    setSize(state, setResult, total);
                    return exists(flags);
                }
            } else {
                skip = uniqueItems(state, flags);
                if (skip == null) {
                    setSize(state, setResult, total);
                    return state.lastCode;
                }
                added = state.keptItems;
            }
        }
        writeInsert(state, (int) absolute, items, skip, added);
        setSize(state, setResult, state.list.count() + Math.max(0, absolute - total) + added);
        return ResultCode.OK;
    }

    /**
     * For ADD_UNIQUE with several items: which items to leave out. Returns null when the op ends here (its code in
     * {@link ListState#lastCode}: 24, 26 for an item repeated in the request, or OK for NO_FAIL).
     */
    private static boolean[] uniqueItems(ListState state, long flags) {
        PackedList items = state.items;
        int count = items.count();
        boolean[] skip = state.itemSkipMask(count);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            long at = items.at(i);
            long end = items.at(i + 1);
            if (contains(state, items.segment(), at, end)) {
                if (!partial(flags)) {
                    state.lastCode = exists(flags);
                    return null;
                }
                skip[i] = true;
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (state.order.compare(items.segment(), at, items.end(), items.segment(), items.at(j),
                        items.end()) == 0) {
                    if ((flags & WRITE_NO_FAIL) == 0) {
                        state.lastCode = ResultCode.OP_NOT_APPLICABLE;
                        return null;
                    }
                    if (!partial(flags)) {
                        state.lastCode = ResultCode.OK;
                        return null;
                    }
                    skip[i] = true;
                    break;
                }
            }
            if (!skip[i]) {
                kept++;
            }
        }
        if (kept == 0) {
            state.lastCode = exists(flags);
            return null;
        }
        state.keptItems = kept;
        return skip;
    }

    private static void writeInsert(ListState state, int at, boolean items, boolean[] skip, int added) {
        PackedList list = state.list;
        int total = list.count();
        int padding = Math.max(0, at - total);
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), total + padding + added);
        list.copy(out, 0, Math.min(at, total));
        for (int i = 0; i < padding; i++) {
            out.writeNil();
        }
        if (!items) {
            out.writeBytes(state.value.buffer(), 0, state.value.length());
        } else {
            PackedList values = state.items;
            for (int i = 0; i < values.count(); i++) {
                if (skip == null || !skip[i]) {
                    values.copy(out, i, i + 1);
                }
            }
        }
        if (at < total) {
            list.copy(out, at, total);
        }
        state.changed = true;
    }

    /** Adds the value to an ordered list at its place. */
    static int addOrdered(ListState state, long flags) {
        MsgPackOutput value = state.value;
        int total = state.list.count();
        int at = state.upperBound(value.segment(), 0, value.length(), 0);
        boolean found = at > 0 && state.compareToValue(at - 1, value.segment(), 0, value.length()) == 0;
        if (found && (flags & WRITE_ADD_UNIQUE) != 0) {
            state.result.setInteger(total);
            return exists(flags);
        }
        writeInsert(state, at, false, null, 1);
        state.result.setInteger(total + 1);
        return ResultCode.OK;
    }

    /** Adds the items to an ordered list, each at its place. */
    static int addItemsOrdered(ListState state, long flags) {
        PackedList list = state.list;
        PackedList items = state.items;
        items.init(state.value.segment(), 0, state.value.length());
        int total = list.count();
        int count = items.count();
        if (count == 0) {
            state.result.setInteger(total);
            return ResultCode.OK;
        }
        int[] sorted = state.itemRankOrder();
        boolean unique = (flags & WRITE_ADD_UNIQUE) != 0;
        boolean[] skip = state.itemSkipMask(count);
        if (unique) {
            for (int i = 1; i < count; i++) {
                if (state.order.compare(items.segment(), items.at(sorted[i - 1]), items.end(), items.segment(),
                        items.at(sorted[i]), items.end()) == 0) {
                    if ((flags & WRITE_NO_FAIL) == 0) {
                        return ResultCode.OP_NOT_APPLICABLE;
                    }
                    if (!partial(flags)) {
                        state.result.setInteger(total);
                        return ResultCode.OK;
                    }
                    skip[sorted[i]] = true;
                }
            }
        }
        int added = 0;
        for (int i = 0; i < count; i++) {
            int item = sorted[i];
            if (skip[item]) {
                continue;
            }
            if (unique && contains(state, items.segment(), items.at(item), items.at(item + 1))) {
                if (!partial(flags)) {
                    state.result.setInteger(total);
                    return exists(flags);
                }
                skip[item] = true;
                continue;
            }
            added++;
        }
        writeMerged(state, sorted, skip, added);
        state.result.setInteger(total + added);
        return ResultCode.OK;
    }

    /** Merges the sorted, kept items into the ordered list (each after the elements equal to it). */
    private static void writeMerged(ListState state, int[] sorted, boolean[] skip, int added) {
        PackedList list = state.list;
        PackedList items = state.items;
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), list.count() + added);
        int copied = 0;
        for (int i = 0; i < items.count(); i++) {
            int item = sorted[i];
            if (skip[item]) {
                continue;
            }
            int at = state.upperBound(items.segment(), items.at(item), items.at(item + 1), copied);
            list.copy(out, copied, at);
            copied = at;
            items.copy(out, item, item + 1);
        }
        list.copy(out, copied, list.count());
        state.changed = true;
    }

    /** Replaces element {@code index} of an unordered list (past the end: an insert that pads). */
    static int set(ListState state, long index, long flags) {
        PackedList list = state.list;
        if (list.ordered()) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        int total = list.count();
        if (index >= total) {
            return insert(state, index, false, flags, false);
        }
        long absolute = ListSelections.absoluteIndex(index, total);
        if (absolute < 0) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        MsgPackOutput value = state.value;
        if ((flags & WRITE_ADD_UNIQUE) != 0) {
            for (int i = 0; i < total; i++) {
                if (i != absolute && state.compareToValue(i, value.segment(), 0, value.length()) == 0) {
                    return exists(flags);
                }
            }
        }
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), total);
        list.copy(out, 0, (int) absolute);
        out.writeBytes(value.buffer(), 0, value.length());
        list.copy(out, (int) absolute + 1, total);
        state.changed = true;
        return ResultCode.OK;
    }

    /**
     * Adds the delta (an integer or double parameter, 1 when absent or nil) to element {@code index}, an integer
     * or a double; past the end the delta itself is stored. The result is the new value.
     */
    static int increment(ListState state, MemorySegment program, long deltaAt, long deltaEnd, long index,
            long flags) {
        PackedList list = state.list;
        int total = list.count();
        long absolute = ListSelections.absoluteIndex(index, total);
        if (index > INDEX_MAX || absolute < 0) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        MsgPackInput input = state.scratchInput;
        long deltaInteger = 1;
        double deltaDouble = 1;
        boolean deltaIsDouble = false;
        if (deltaAt >= 0) {
            input.wrap(program, deltaAt, deltaEnd - deltaAt);
            int type = input.peekType();
            if (MsgPackType.isInteger(type)) {
                deltaInteger = input.readLong();
            } else if (type == MsgPackType.DOUBLE) {
                deltaDouble = input.readDouble();
                deltaIsDouble = true;
            } else if (type != MsgPackType.NIL) {
                return ResultCode.PARAMETER_ERROR;
            }
        }
        MsgPackOutput value = state.value;
        value.clear();
        if (absolute < total) {
            input.wrap(list.segment(), list.at((int) absolute), list.size((int) absolute));
            int type = input.peekType();
            if (MsgPackType.isInteger(type)) {
                long sum = input.readLong() + (deltaIsDouble ? (long) deltaDouble : deltaInteger);
                value.writeLong(sum);
                state.result.setInteger(sum);
            } else if (type == MsgPackType.DOUBLE) {
                double sum = input.readDouble() + (deltaIsDouble ? deltaDouble : (double) deltaInteger);
                value.writeDouble(sum);
                state.result.setDouble(sum);
            } else {
                return ResultCode.PARAMETER_ERROR;
            }
        } else if (deltaIsDouble) {
            value.writeDouble(deltaDouble);
            state.result.setDouble(deltaDouble);
        } else {
            value.writeLong(deltaInteger);
            state.result.setInteger(deltaInteger);
        }
        return list.ordered() ? replaceOrdered(state, (int) Math.min(absolute, Integer.MAX_VALUE), flags)
                : set(state, absolute, flags);
    }

    /** Replaces element {@code index} of an ordered list with the value, which moves to its place. */
    private static int replaceOrdered(ListState state, int index, long flags) {
        PackedList list = state.list;
        int total = list.count();
        if (index > total) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        MsgPackOutput value = state.value;
        int rank = state.lowerBound(value.segment(), 0, value.length(), 0);
        boolean found = rank < total && state.compareToValue(rank, value.segment(), 0, value.length()) == 0;
        if ((flags & WRITE_ADD_UNIQUE) != 0 && found) {
            return rank == index ? ResultCode.OK : exists(flags);
        }
        int kept = index < total ? total - 1 : total;
        int at = rank > index ? rank - 1 : rank; // its place once element index is gone
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), kept + 1);
        int written = 0;
        for (int i = 0; i <= total; i++) {
            if (written == at) {
                out.writeBytes(value.buffer(), 0, value.length());
                written++;
            }
            if (i < total && i != index) {
                list.copy(out, i, i + 1);
                written++;
            }
        }
        state.changed = true;
        return ResultCode.OK;
    }
}
