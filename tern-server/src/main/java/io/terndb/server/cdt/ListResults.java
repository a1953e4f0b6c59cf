package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackOutput;

/**
 * The result shapes of list selections, as the original builds them. Indexes and ranks come as integers (single
 * ops, -1 when nothing matched) or lists; "reverse" counts from the end. How a reversed list is ordered depends
 * on how the selection was made (a range gives ascending reversed indexes, a scan gives them in element order),
 * which the callers reproduce by choosing between {@link #addRange} and the mask writers.
 */
final class ListResults {

    private final ListState state;

    ListResults(ListState state) {
        this.state = state;
    }

    static int returnType(long returnArgument) {
        return (int) (returnArgument & RETURN_TYPE_MASK);
    }

    static boolean inverted(long returnArgument) {
        return (returnArgument & RETURN_INVERTED) != 0;
    }

    static boolean isReverse(int type) {
        return type == RETURN_REVERSE_INDEX || type == RETURN_REVERSE_RANK;
    }

    static boolean isRangeType(int type) {
        return type >= RETURN_INDEX_RANGE && type <= RETURN_REVERSE_RANK_RANGE;
    }

    /** Appends {@code start .. start + count - 1} (reversed: counted from the end, still ascending). */
    static void addRange(MsgPackOutput out, int start, int count, int total, boolean reverse) {
        int first = reverse ? total - start - count : start;
        for (int i = 0; i < count; i++) {
            out.writeLong(first + i);
        }
    }

    /** Nothing matched at {@code index}. */
    int notFound(int type, boolean multi, int index) {
        CdtResult result = state.result;
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_INDEX_RANGE, RETURN_REVERSE_INDEX_RANGE, RETURN_RANK_RANGE, RETURN_REVERSE_RANK_RANGE -> {
                MsgPackOutput out = result.beginList(2);
                out.writeLong(index);
                out.writeLong(0);
            }
            case RETURN_INDEX, RETURN_REVERSE_INDEX, RETURN_RANK, RETURN_REVERSE_RANK -> {
                if (multi) {
                    result.beginList(0);
                } else {
                    result.setInteger(-1);
                }
            }
            case RETURN_COUNT -> result.setInteger(0);
            case RETURN_EXISTS -> result.setBoolean(false);
            case RETURN_VALUE -> {
                if (multi) {
                    result.beginList(0);
                }
            }
            default -> {
                return ResultCode.OP_NOT_APPLICABLE; // key and map shapes do not apply to lists
            }
        }
        return ResultCode.OK;
    }

    /** Indexes or ranks {@code [start, start + count)} out of {@code total} (or all the others, inverted). */
    int indexRankCount(int type, boolean multi, boolean inverted, int start, int count, int total) {
        CdtResult result = state.result;
        switch (type) {
            case RETURN_NONE -> { }
            case RETURN_COUNT -> result.setInteger(inverted ? total - count : count);
            case RETURN_EXISTS -> result.setBoolean(inverted ? count == 0 : count != 0);
            case RETURN_INDEX, RETURN_REVERSE_INDEX, RETURN_RANK, RETURN_REVERSE_RANK -> {
                boolean reverse = isReverse(type);
                if (!multi) {
                    result.setInteger(count == 0 ? -1 : reverse ? total - start - 1 : start);
                } else if (inverted) {
                    MsgPackOutput out = result.beginList(total - count);
                    addRange(out, 0, start, total, reverse);
                    addRange(out, start + count, total - start - count, total, reverse);
                } else {
                    addRange(result.beginList(count), start, count, total, reverse);
                }
            }
            default -> {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        }
        return ResultCode.OK;
    }

    /** Like {@link #indexRankCount}, plus the range shapes ({@code [start, count]}). */
    int range(int type, boolean multi, boolean inverted, int start, int count, int total) {
        switch (type) {
            case RETURN_INDEX_RANGE, RETURN_RANK_RANGE, RETURN_REVERSE_INDEX_RANGE, RETURN_REVERSE_RANK_RANGE -> {
                if (inverted) {
                    return ResultCode.OP_NOT_APPLICABLE;
                }
                boolean reverse = type == RETURN_REVERSE_INDEX_RANGE || type == RETURN_REVERSE_RANK_RANGE;
                MsgPackOutput out = state.result.beginList(2);
                out.writeLong(reverse ? total - start - count : start);
                out.writeLong(count);
                return ResultCode.OK;
            }
            default -> {
                return indexRankCount(type, multi, inverted, start, count, total);
            }
        }
    }

    /** Indexes of the masked elements in element order (reversed ones then descend); single: the first. */
    void indexesByMask(int type, boolean multi, boolean[] mask, int count) {
        int total = state.list.count();
        boolean reverse = isReverse(type);
        if (!multi) {
            int index = firstMasked(mask, total);
            state.result.setInteger(reverse ? total - index - 1 : index);
            return;
        }
        MsgPackOutput out = state.result.beginList(count);
        for (int i = 0; i < total; i++) {
            if (mask[i]) {
                out.writeLong(reverse ? total - i - 1 : i);
            }
        }
    }

    /** The masked elements' values in element order. */
    void valuesByMask(boolean[] mask, int count) {
        PackedList list = state.list;
        MsgPackOutput out = state.result.beginList(count);
        for (int i = 0; i < list.count(); i++) {
            if (mask[i]) {
                list.copy(out, i, i + 1);
            }
        }
    }

    /** Elements {@code [from, to)} as a list (multi) or the one element as its particle. */
    void valuesOfRange(boolean multi, int from, int to) {
        PackedList list = state.list;
        if (multi) {
            list.copy(state.result.beginList(to - from), from, to);
        } else if (to > from) {
            state.result.setElement(list.segment(), list.at(from), list.size(from));
        }
    }

    static int firstMasked(boolean[] mask, int total) {
        for (int i = 0; i < total; i++) {
            if (mask[i]) {
                return i;
            }
        }
        return -1;
    }
}
