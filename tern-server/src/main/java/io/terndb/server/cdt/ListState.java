package io.terndb.server.cdt;

import io.terndb.protocol.msgpack.IndexSort;
import io.terndb.protocol.msgpack.MsgPackCanonical;
import io.terndb.protocol.msgpack.MsgPackOrder;
import io.terndb.protocol.msgpack.MsgPackOutput;
import java.lang.foreign.MemorySegment;

/**
 * What one list operation works with, reused from op to op by one thread: the list it reads, the buffer its new
 * list is written to, its result, and scratch arrays (a selection mask, rank orders) grown to the largest list
 * seen. Comparisons and searches over the list's elements live here so the op classes share them.
 */
final class ListState {

    final PackedList list = new PackedList();
    /** A list parameter (items to add, values to match). */
    final PackedList items = new PackedList();
    /** The new list, when the op changes it ({@link #changed}). */
    final MsgPackOutput out = new MsgPackOutput(1024);
    /** A stored-form copy of the op's value parameter. */
    final MsgPackOutput value = new MsgPackOutput(256);
    final CdtResult result = new CdtResult();
    final MsgPackOrder order = new MsgPackOrder();
    final MsgPackCanonical canonical = new MsgPackCanonical();
    final IndexSort sorter = new IndexSort();
    boolean changed;
    /** The list existed before the op (false: a missing bin or an element a context is creating). */
    boolean live;
    /** The list is a whole bin (persist-index may be kept), not an element inside another container. */
    boolean topLevel;
    /** The op is a modify op (CDT_MODIFY): its selections are removed. */
    boolean modify;

    /** Set by helpers that end an op early: its result code. */
    int lastCode;
    int keptItems;
    final io.terndb.protocol.msgpack.MsgPackInput scratchInput = new io.terndb.protocol.msgpack.MsgPackInput();
    private boolean[] itemSkip = new boolean[16];

    boolean[] mask = new boolean[64];
    int[] ranks = new int[64];
    int[] itemOrder = new int[16];
    long[] itemRanks = new long[16];
    long[] itemCounts = new long[16];

    private final IndexSort.Comparison byElement = this::compareElements;
    private final IndexSort.Comparison byElementDescending = (left, right) -> compareElements(right, left);
    private final IndexSort.Comparison byItem = this::compareItems;

    void reset(boolean modify, boolean topLevel) {
        this.modify = modify;
        this.topLevel = topLevel;
        changed = false;
        out.clear();
        value.clear();
        result.clear();
    }

    /** A mask of {@code count} falses. */
    boolean[] clearedMask(int count) {
        if (mask.length < count) {
            mask = new boolean[Math.max(count, mask.length * 2)];
        }
        java.util.Arrays.fill(mask, 0, count, false);
        return mask;
    }

    /** A mask of {@code count} falses over the items. */
    boolean[] itemSkipMask(int count) {
        if (itemSkip.length < count) {
            itemSkip = new boolean[Math.max(count, itemSkip.length * 2)];
        }
        java.util.Arrays.fill(itemSkip, 0, count, false);
        return itemSkip;
    }

    /** Element indexes sorted by value (stable: equal values keep index order), in {@link #ranks}. */
    int[] rankOrder(boolean descending) {
        int count = list.count();
        if (ranks.length < count) {
            ranks = new int[Math.max(count, ranks.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            ranks[i] = i;
        }
        sorter.sort(ranks, 0, count, descending ? byElementDescending : byElement);
        return ranks;
    }

    /** Item indexes sorted by value, in {@link #itemOrder}. */
    int[] itemRankOrder() {
        int count = items.count();
        if (itemOrder.length < count) {
            itemOrder = new int[Math.max(count, itemOrder.length * 2)];
            itemRanks = new long[itemOrder.length];
            itemCounts = new long[itemOrder.length];
        }
        for (int i = 0; i < count; i++) {
            itemOrder[i] = i;
        }
        sorter.sort(itemOrder, 0, count, byItem);
        return itemOrder;
    }

    void ensureItemArrays(int count) {
        if (itemRanks.length < count) {
            int size = Math.max(count, itemRanks.length * 2);
            itemRanks = new long[size];
            itemCounts = new long[size];
            itemOrder = new int[size];
        }
    }

    int compareElements(int left, int right) {
        MemorySegment segment = list.segment();
        return order.compare(segment, list.at(left), list.end(), segment, list.at(right), list.end());
    }

    private int compareItems(int left, int right) {
        MemorySegment segment = items.segment();
        return order.compare(segment, items.at(left), items.end(), segment, items.at(right), items.end());
    }

    /** Element {@code index} against the value at {@code [at, end)} of {@code segment}. */
    int compareToValue(int index, MemorySegment segment, long at, long end) {
        return order.compare(list.segment(), list.at(index), list.end(), segment, at, end);
    }

    int compareItemToElement(int item, int index) {
        return order.compare(items.segment(), items.at(item), items.end(), list.segment(), list.at(index),
                list.end());
    }

    /** The first index whose element is not below the value (ordered lists). */
    int lowerBound(MemorySegment segment, long at, long end, int from) {
        int low = from;
        int high = list.count();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compareToValue(middle, segment, at, end) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The first index whose element is above the value (ordered lists). */
    int upperBound(MemorySegment segment, long at, long end, int from) {
        int low = from;
        int high = list.count();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compareToValue(middle, segment, at, end) <= 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** How many elements are below the value: its rank in an unordered list. */
    int countBelow(MemorySegment segment, long at, long end) {
        int below = 0;
        for (int i = 0; i < list.count(); i++) {
            if (compareToValue(i, segment, at, end) < 0) {
                below++;
            }
        }
        return below;
    }

    /** The rank of element {@code index}: how many elements are below it (equal ones share a rank). */
    int rankOf(int index) {
        return countBelow(list.segment(), list.at(index), list.at(index + 1));
    }

    /** Writes the list without the masked elements (keeping its flags). */
    void writeWithoutMasked(boolean[] removed, int removedCount) {
        out.clear();
        PackedList.writeHeader(out, list.flags(), list.count() - removedCount);
        int runStart = -1;
        for (int i = 0; i <= list.count(); i++) {
            boolean keep = i < list.count() && !removed[i];
            if (keep && runStart < 0) {
                runStart = i;
            } else if (!keep && runStart >= 0) {
                list.copy(out, runStart, i);
                runStart = -1;
            }
        }
        changed = true;
    }

    /** Writes an empty list: an ordered one keeps its ordering header, as the original. */
    void writeEmpty(boolean ordered) {
        out.clear();
        PackedList.writeHeader(out, ordered ? io.terndb.protocol.msgpack.MsgPackFormat.LIST_ORDERED : 0, 0);
        changed = true;
    }
}
