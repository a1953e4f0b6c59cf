package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackOutput;
import java.lang.foreign.MemorySegment;

/**
 * The get-by and remove-by families (and pop, remove, trim, get, get-range, which are special cases): select
 * elements by index range, value interval, rank range, value list or rank relative to a value; answer in the
 * requested shape ({@link ListResults}); and, for modify ops, write the list without the selection.
 *
 * <p>An "inverted" return type applies to everything outside the selection. A single-result op (get-by-index,
 * get-by-rank, get-by-value) refuses inverted and an out-of-range index with 26, as the original.
 */
final class ListSelections {

    private final ListState state;
    private final ListResults results;
    // The index range last computed by calcIndexCount.
    private int rangeStart;
    private int rangeCount;

    ListSelections(ListState state, ListResults results) {
        this.state = state;
        this.results = results;
    }

    /** A negative index counts from the end. */
    static long absoluteIndex(long index, int count) {
        return index < 0 ? count + index : index;
    }

    /**
     * Clamps {@code index}/{@code count} (count unsigned) to a list of {@code total}: multi ops clamp silently, a
     * single op's index must exist. Sets {@link #rangeStart}/{@link #rangeCount}; false when a single index does
     * not exist.
     */
    private boolean calcIndexCount(long index, long count, int total, boolean multi) {
        if (index >= total) {
            if (!multi) {
                return false;
            }
            rangeStart = total;
            rangeCount = 0;
            return true;
        }
        long absolute = absoluteIndex(index, total);
        if (absolute < 0) {
            if (!multi) {
                return false;
            }
            rangeStart = 0;
            rangeCount = Long.compareUnsigned(-absolute, count) < 0
                    ? (int) Math.min(count + absolute, total) : 0;
            return true;
        }
        rangeStart = (int) absolute;
        rangeCount = Long.compareUnsigned(count, total - absolute) >= 0 ? (int) (total - absolute) : (int) count;
        return true;
    }

    int byIndexRange(long returnArgument, boolean multi, long index, long count) {
        int type = ListResults.returnType(returnArgument);
        boolean inverted = ListResults.inverted(returnArgument);
        PackedList list = state.list;
        int total = list.count();
        if (!calcIndexCount(index, count, total, multi)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        int start = rangeStart;
        int selected = rangeCount;
        if (inverted) {
            if (!multi || ListResults.isRangeType(type)) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            if (selected == 0) {
                start = 0;
                selected = total;
            } else if (start == 0) {
                start = selected;
                selected = total - selected;
            } else if (start + selected >= total) {
                selected = start;
                start = 0;
            } else {
                return trim(type, start, selected);
            }
        }
        if (selected == 0) {
            return results.notFound(type, multi, start);
        }
        if (state.modify) {
            removeRange(start, selected);
        }
        return indexRangeResult(type, multi, start, selected);
    }

    private void removeRange(int start, int count) {
        PackedList list = state.list;
        int left = list.count() - count;
        if (left == 0) {
            state.writeEmpty(list.ordered());
            return;
        }
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), left);
        list.copy(out, 0, start);
        list.copy(out, start + count, list.count());
        state.changed = true;
    }

    private int indexRangeResult(int type, boolean multi, int start, int count) {
        PackedList list = state.list;
        int total = list.count();
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_INDEX, RETURN_REVERSE_INDEX -> {
                return results.indexRankCount(type, multi, false, start, count, total);
            }
            case RETURN_RANK, RETURN_REVERSE_RANK -> rangeRanks(type, multi, start, count);
            case RETURN_COUNT -> state.result.setInteger(count);
            case RETURN_EXISTS -> state.result.setBoolean(count != 0);
            case RETURN_VALUE -> results.valuesOfRange(multi, start, start + count);
            case RETURN_INDEX_RANGE, RETURN_REVERSE_INDEX_RANGE -> {
                MsgPackOutput out = state.result.beginList(2);
                out.writeLong(type == RETURN_REVERSE_INDEX_RANGE ? total - start - count : start);
                out.writeLong(count);
            }
            case RETURN_RANK_RANGE, RETURN_REVERSE_RANK_RANGE -> {
                if (!list.ordered()) {
                    return ResultCode.OP_NOT_APPLICABLE;
                }
                return results.range(type, multi, false, start, count, total);
            }
            default -> {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        }
        return ResultCode.OK;
    }

    /** Ranks of elements {@code [start, start + count)}, in index order. */
    private void rangeRanks(int type, boolean multi, int start, int count) {
        PackedList list = state.list;
        int total = list.count();
        boolean reverse = ListResults.isReverse(type);
        if (count == total) {
            results.indexRankCount(type, multi, false, 0, count, total);
        } else if (!multi) {
            int rank = list.ordered() ? start : state.rankOf(start);
            state.result.setInteger(reverse ? total - rank - 1 : rank);
        } else if (list.ordered()) {
            ListResults.addRange(state.result.beginList(count), start, count, total, reverse);
        } else {
            MsgPackOutput out = state.result.beginList(count);
            for (int i = start; i < start + count; i++) {
                int rank = state.rankOf(i);
                out.writeLong(reverse ? total - rank - 1 : rank);
            }
        }
    }

    /** Keeps {@code [start, start + count)} (neither end of the list): an inverted index range. */
    private int trim(int type, int start, int count) {
        PackedList list = state.list;
        int total = list.count();
        int end = start + count;
        int removed = total - count;
        boolean reverse = ListResults.isReverse(type);
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_COUNT -> state.result.setInteger(removed);
            case RETURN_EXISTS -> state.result.setBoolean(removed != 0);
            case RETURN_INDEX, RETURN_REVERSE_INDEX -> {
                MsgPackOutput out = state.result.beginList(removed);
                ListResults.addRange(out, 0, start, total, reverse);
                ListResults.addRange(out, end, total - end, total, reverse);
            }
            case RETURN_RANK, RETURN_REVERSE_RANK -> {
                MsgPackOutput out = state.result.beginList(removed);
                for (int i = 0; i < total; i++) {
                    if (i < start || i >= end) {
                        int rank = list.ordered() ? i : state.rankOf(i);
                        out.writeLong(reverse ? total - rank - 1 : rank);
                    }
                }
            }
            case RETURN_VALUE -> {
                MsgPackOutput out = state.result.beginList(removed);
                list.copy(out, 0, start);
                list.copy(out, end, total);
            }
            default -> {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        }
        if (state.modify) {
            MsgPackOutput out = state.out;
            out.clear();
            PackedList.writeHeader(out, list.flags(), count);
            list.copy(out, start, end);
            state.changed = true;
        }
        return ResultCode.OK;
    }

    /**
     * Elements in {@code [start, end)} by value; {@code end < 0} means to infinity; {@code single} means the one
     * value {@code start} (get-by-value / remove-by-value, "all" when {@code multi}).
     */
    int byValueInterval(long returnArgument, boolean multi, MemorySegment segment, long start, long startEnd,
            long end, long endEnd, boolean single) {
        int type = ListResults.returnType(returnArgument);
        boolean inverted = ListResults.inverted(returnArgument);
        if (inverted && !multi) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        PackedList list = state.list;
        if (list.ordered()) {
            int rank = state.lowerBound(segment, start, startEnd, 0);
            int count;
            if (single) {
                boolean found = rank < list.count() && state.compareToValue(rank, segment, start, startEnd) == 0;
                count = !found ? 0 : multi ? state.upperBound(segment, start, startEnd, rank) - rank : 1;
            } else if (end < 0) {
                count = list.count() - rank;
            } else if (state.order.compare(segment, start, startEnd, segment, end, endEnd) >= 0) {
                count = 0;
            } else {
                count = state.lowerBound(segment, end, endEnd, rank) - rank;
            }
            if (count == 0 && !multi) {
                return results.notFound(type, false, 0);
            }
            return byIndexRange(returnArgument, multi, rank, count);
        }
        return byValueIntervalUnordered(type, multi, inverted, segment, start, startEnd, end, endEnd, single);
    }

    private int byValueIntervalUnordered(int type, boolean multi, boolean inverted, MemorySegment segment,
            long start, long startEnd, long end, long endEnd, boolean single) {
        PackedList list = state.list;
        int total = list.count();
        boolean[] mask = state.clearedMask(total);
        int rank = 0;
        int selected = 0;
        for (int i = 0; i < total; i++) {
            int fromStart = state.compareToValue(i, segment, start, startEnd);
            boolean pick;
            if (fromStart < 0) {
                rank++;
                pick = inverted;
            } else if (!single) {
                boolean belowEnd = end < 0 || state.compareToValue(i, segment, end, endEnd) < 0;
                pick = belowEnd != inverted;
            } else if (fromStart == 0) {
                pick = multi ? !inverted : selected == 0;
            } else {
                pick = inverted && multi;
            }
            if (pick) {
                mask[i] = true;
                selected++;
            }
        }
        return finishMasked(type, multi, inverted, mask, selected, rank, false);
    }

    /**
     * Answers and removes a masked selection from a value scan: counts and ranks as the range
     * {@code [rank, rank + matched)}, indexes and values from the mask.
     */
    private int finishMasked(int type, boolean multi, boolean inverted, boolean[] mask, int selected, int rank,
            boolean emptyOrdered) {
        PackedList list = state.list;
        int total = list.count();
        int code;
        switch (type) {
            case RETURN_NONE, RETURN_COUNT, RETURN_EXISTS, RETURN_RANK, RETURN_REVERSE_RANK, RETURN_RANK_RANGE,
                 RETURN_REVERSE_RANK_RANGE ->
                    code = results.range(type, multi, inverted, rank, inverted ? total - selected : selected, total);
            case RETURN_INDEX, RETURN_REVERSE_INDEX -> {
                if (multi) {
                    results.indexesByMask(type, true, mask, selected);
                } else {
                    int first = ListResults.firstMasked(mask, total);
                    results.indexRankCount(type, false, false, first, selected, total);
                }
                code = ResultCode.OK;
            }
            case RETURN_VALUE -> {
                if (multi) {
                    results.valuesByMask(mask, selected);
                } else if (selected != 0) {
                    int first = ListResults.firstMasked(mask, total);
                    results.valuesOfRange(false, first, first + 1);
                }
                code = ResultCode.OK;
            }
            default -> code = ResultCode.OP_NOT_APPLICABLE;
        }
        if (code == ResultCode.OK && state.modify) {
            removeMasked(mask, selected, emptyOrdered);
        }
        return code;
    }

    private void removeMasked(boolean[] mask, int selected, boolean emptyOrdered) {
        if (selected == 0) {
            return;
        }
        if (selected == state.list.count()) {
            state.writeEmpty(emptyOrdered);
        } else {
            state.writeWithoutMasked(mask, selected);
        }
    }

    int byRankRange(long returnArgument, boolean multi, long rank, long count) {
        int type = ListResults.returnType(returnArgument);
        boolean inverted = ListResults.inverted(returnArgument);
        if (inverted && !multi) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        PackedList list = state.list;
        if (list.ordered()) {
            return byIndexRange(returnArgument, multi, rank, count);
        }
        int total = list.count();
        if (!calcIndexCount(rank, count, total, multi)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        int start = rangeStart;
        int ranked = rangeCount;
        int selected = inverted ? total - ranked : ranked;
        if (selected == 0) {
            return results.notFound(type, multi, start);
        }
        if (inverted && ListResults.isRangeType(type)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        int[] order = state.rankOrder(false);
        boolean[] mask = state.clearedMask(total);
        for (int i = 0; i < total; i++) {
            mask[order[i]] = (i >= start && i < start + ranked) != inverted;
        }
        int code;
        switch (type) {
            case RETURN_NONE, RETURN_COUNT, RETURN_EXISTS, RETURN_RANK, RETURN_REVERSE_RANK, RETURN_RANK_RANGE,
                 RETURN_REVERSE_RANK_RANGE -> code = results.range(type, multi, inverted, start, ranked, total);
            case RETURN_INDEX, RETURN_REVERSE_INDEX -> {
                results.indexesByMask(type, multi, mask, selected);
                code = ResultCode.OK;
            }
            case RETURN_VALUE -> {
                if (inverted) {
                    results.valuesByMask(mask, selected);
                } else {
                    valuesInRankOrder(multi, order, start, ranked);
                }
                code = ResultCode.OK;
            }
            default -> code = ResultCode.OP_NOT_APPLICABLE;
        }
        if (code == ResultCode.OK && state.modify) {
            state.writeWithoutMasked(mask, selected);
        }
        return code;
    }

    private void valuesInRankOrder(boolean multi, int[] order, int start, int count) {
        PackedList list = state.list;
        if (!multi) {
            int index = order[start];
            state.result.setElement(list.segment(), list.at(index), list.size(index));
            return;
        }
        MsgPackOutput out = state.result.beginList(count);
        for (int i = start; i < start + count; i++) {
            list.copy(out, order[i], order[i] + 1);
        }
    }

    /** Ranks counted from the value's own rank (its insertion point in the list's order). */
    int byValueRelativeRankRange(long returnArgument, MemorySegment segment, long value, long valueEnd, long rank,
            long count) {
        PackedList list = state.list;
        int base = list.ordered() ? state.lowerBound(segment, value, valueEnd, 0)
                : state.countBelow(segment, value, valueEnd);
        long start = rank + base;
        if (start < 0) {
            count = Long.compareUnsigned(count, -start) > 0 ? count + start : 0;
            start = 0;
        }
        return list.ordered() ? byIndexRange(returnArgument, true, start, count)
                : byRankRange(returnArgument, true, start, count);
    }

    /** Elements equal to any of the items (the list at {@code [items, itemsEnd)}). */
    int byValueList(long returnArgument, MemorySegment segment, long itemsAt, long itemsEnd) {
        int type = ListResults.returnType(returnArgument);
        boolean inverted = ListResults.inverted(returnArgument);
        if (ListResults.isRangeType(type)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        PackedList items = state.items;
        items.init(segment, itemsAt, itemsEnd);
        if (items.count() > PARAMETER_LIST_COUNT_MAX) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (items.count() == 0) {
            return inverted ? byIndexRange(type, true, 0, state.list.count()) : results.notFound(type, true, 0);
        }
        return state.list.ordered() ? byValueListOrdered(type, inverted) : byValueListUnordered(type, inverted);
    }

    private int byValueListOrdered(int type, boolean inverted) {
        PackedList list = state.list;
        PackedList items = state.items;
        int total = list.count();
        int itemCount = items.count();
        state.ensureItemArrays(itemCount);
        boolean[] mask = state.clearedMask(total);
        int matches = 0;
        for (int item = 0; item < itemCount; item++) {
            long at = items.at(item);
            long end = items.at(item + 1);
            int rank = state.lowerBound(items.segment(), at, end, 0);
            int count = state.upperBound(items.segment(), at, end, rank) - rank;
            state.itemRanks[item] = rank;
            state.itemCounts[item] = count;
            matches += count;
            for (int i = rank; i < rank + count; i++) {
                mask[i] = true;
            }
        }
        int selected = invertAndCount(mask, total, inverted);
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_COUNT -> state.result.setInteger(selected);
            case RETURN_EXISTS -> state.result.setBoolean(selected != 0);
            case RETURN_INDEX, RETURN_REVERSE_INDEX, RETURN_RANK, RETURN_REVERSE_RANK -> {
                if (inverted) {
                    results.indexesByMask(type, true, mask, selected);
                } else {
                    MsgPackOutput out = state.result.beginList(matches);
                    for (int item = 0; item < itemCount; item++) {
                        ListResults.addRange(out, (int) state.itemRanks[item], (int) state.itemCounts[item], total,
                                ListResults.isReverse(type));
                    }
                }
            }
            case RETURN_VALUE -> {
                if (inverted) {
                    results.valuesByMask(mask, selected);
                } else {
                    MsgPackOutput out = state.result.beginList(matches);
                    for (int item = 0; item < itemCount; item++) {
                        int rank = (int) state.itemRanks[item];
                        list.copy(out, rank, rank + (int) state.itemCounts[item]);
                    }
                }
            }
            default -> {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        }
        if (state.modify) {
            removeMasked(mask, selected, true);
        }
        return ResultCode.OK;
    }

    private static int invertAndCount(boolean[] mask, int total, boolean inverted) {
        int selected = 0;
        for (int i = 0; i < total; i++) {
            if (inverted) {
                mask[i] = !mask[i];
            }
            if (mask[i]) {
                selected++;
            }
        }
        return selected;
    }

    private int byValueListUnordered(int type, boolean inverted) {
        PackedList list = state.list;
        PackedList items = state.items;
        int total = list.count();
        int itemCount = items.count();
        int[] sortedItems = state.itemRankOrder();
        boolean[] mask = state.clearedMask(total);
        for (int i = 0; i < total; i++) {
            mask[i] = findItem(sortedItems, itemCount, i) >= 0;
        }
        int selected = invertAndCount(mask, total, inverted);
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_INDEX, RETURN_REVERSE_INDEX -> results.indexesByMask(type, true, mask, selected);
            case RETURN_RANK, RETURN_REVERSE_RANK -> itemRanks(type, inverted, sortedItems, itemCount, selected);
            case RETURN_COUNT -> state.result.setInteger(selected);
            case RETURN_EXISTS -> state.result.setBoolean(selected != 0);
            case RETURN_VALUE -> results.valuesByMask(mask, selected);
            default -> {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        }
        if (state.modify) {
            removeMasked(mask, selected, false);
        }
        return ResultCode.OK;
    }

    /** The position in {@code sortedItems} of an item equal to element {@code index}, or -1. */
    private int findItem(int[] sortedItems, int itemCount, int index) {
        int low = 0;
        int high = itemCount;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int result = state.compareItemToElement(sortedItems[middle], index);
            if (result == 0) {
                return middle;
            }
            if (result < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return -1;
    }

    /**
     * Ranks of the matched elements by item: each distinct item (its last copy in the request) gives the ranks its
     * equal elements hold, items in request order; inverted: the ranks no item matched, ascending.
     */
    private void itemRanks(int type, boolean inverted, int[] sortedItems, int itemCount, int selected) {
        PackedList items = state.items;
        int total = state.list.count();
        boolean reverse = ListResults.isReverse(type);
        state.ensureItemArrays(itemCount);
        for (int i = 0; i < itemCount; i++) {
            int item = sortedItems[i];
            long at = items.at(item);
            long end = items.at(item + 1);
            state.itemRanks[item] = state.countBelow(items.segment(), at, end);
            // Of equal items only the last one in the request counts its matches (the sort is stable).
            boolean lastCopy = i == itemCount - 1 || state.order.compare(items.segment(), at, items.end(),
                    items.segment(), items.at(sortedItems[i + 1]), items.end()) != 0;
            state.itemCounts[item] = lastCopy ? countEqual(items.segment(), at, end) : 0;
        }
        MsgPackOutput out = state.result.beginList(selected);
        if (!inverted) {
            for (int item = 0; item < itemCount; item++) {
                ListResults.addRange(out, (int) state.itemRanks[item], (int) state.itemCounts[item], total, reverse);
            }
            return;
        }
        int previous = 0;
        for (int i = 0; i < itemCount; i++) {
            int item = sortedItems[i];
            int count = (int) state.itemCounts[item];
            if (count == 0) {
                continue;
            }
            int rank = (int) state.itemRanks[item];
            ListResults.addRange(out, previous, rank - previous, total, reverse);
            previous = rank + count;
        }
        ListResults.addRange(out, previous, total - previous, total, reverse);
    }

    private int countEqual(MemorySegment segment, long at, long end) {
        int equal = 0;
        for (int i = 0; i < state.list.count(); i++) {
            if (state.compareToValue(i, segment, at, end) == 0) {
                equal++;
            }
        }
        return equal;
    }
}
