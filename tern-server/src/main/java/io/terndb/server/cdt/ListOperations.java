package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackFormat;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import java.lang.foreign.MemorySegment;

/**
 * Runs one list opcode on the list in {@link ListState#list} (possibly an empty list standing for a bin or
 * element that does not exist yet, {@link ListState#live} false). Writes the new list into {@link ListState#out}
 * when it changes, and the op's answer into {@link ListState#result}. Returns a result code; on anything but OK
 * the caller keeps the record as it was.
 *
 * <p>Semantics follow the original server op by op (docs/design/datamodel.md): values to store are first
 * rewritten into stored form ({@link io.terndb.protocol.msgpack.MsgPackCanonical}); inserting or setting past
 * the end pads with nils unless INSERT_BOUNDED; ADD_UNIQUE refuses a value already present with 24, which
 * NO_FAIL turns into a silent no-op and NO_FAIL + PARTIAL into "add the others".
 */
final class ListOperations {

    private final ListState state;
    private final ListSelections selections;
    private final MsgPackInput input = new MsgPackInput();

    ListOperations(ListState state) {
        this.state = state;
        this.selections = new ListSelections(state, new ListResults(state));
    }

    ListState state() {
        return state;
    }

    /**
     * Whether {@code opcode} creates the list when it does not exist (else a missing list makes a modify op a
     * no-op), and with which flags.
     */
    static boolean creates(int opcode) {
        return switch (opcode) {
            case LIST_SET_TYPE, LIST_APPEND, LIST_APPEND_ITEMS, LIST_INSERT, LIST_INSERT_ITEMS, LIST_SET,
                 LIST_INCREMENT -> true;
            default -> false;
        };
    }

    /** The flags a creating op gives a new list: its create-type parameter where it has one. */
    int createFlags(CdtArguments args) {
        long flags = switch (args.opcode) {
            case LIST_APPEND, LIST_APPEND_ITEMS -> args.integers[1];
            case LIST_INCREMENT -> args.integers[2];
            default -> 0;
        };
        if (!state.topLevel) {
            flags &= ~MsgPackFormat.PERSIST_INDEX;
        }
        return validListFlags(flags) ? (int) flags : 0;
    }

    static boolean validListFlags(long flags) {
        return (flags & ~(long) (MsgPackFormat.LIST_ORDERED | MsgPackFormat.PERSIST_INDEX)) == 0;
    }

    /** Runs a modify opcode. */
    int modify(CdtArguments args, MemorySegment program) {
        int opcode = args.opcode;
        if (!state.live && !creates(opcode)) {
            return opcode == LIST_SORT ? ResultCode.BIN_TYPE_ERROR : opcodeIsModify(opcode)
                    ? ResultCode.OK : ResultCode.PARAMETER_ERROR; // removing from nothing changes nothing
        }
        long[] integer = args.integers;
        return switch (opcode) {
            case LIST_SET_TYPE -> setType(integer[0]);
            case LIST_APPEND -> append(program, args, 0, false, integer[2]);
            case LIST_APPEND_ITEMS -> append(program, args, 0, true, integer[2]);
            case LIST_INSERT -> insert(program, args, integer[0], false, integer[2]);
            case LIST_INSERT_ITEMS -> insert(program, args, integer[0], true, integer[2]);
            case LIST_SET -> set(program, args, integer[0], integer[2]);
            case LIST_INCREMENT -> increment(program, args, integer[0], integer[3]);
            case LIST_SORT -> sort(integer[0]);
            case LIST_CLEAR -> clear();
            case LIST_POP -> selections.byIndexRange(RETURN_VALUE, false, integer[0], 1);
            case LIST_POP_RANGE -> selections.byIndexRange(RETURN_VALUE, true, integer[0], integer[1]);
            case LIST_REMOVE -> selections.byIndexRange(RETURN_COUNT, false, integer[0], 1);
            case LIST_REMOVE_RANGE -> selections.byIndexRange(RETURN_COUNT, true, integer[0], integer[1]);
            case LIST_TRIM -> selections.byIndexRange(RETURN_COUNT | RETURN_INVERTED, true, integer[0], integer[1]);
            default -> opcode >= LIST_REMOVE_BY_INDEX && opcode <= LIST_REMOVE_BY_VALUE_REL_RANK_RANGE
                    ? select(opcode - REMOVE_OFFSET, args, program) : ResultCode.PARAMETER_ERROR;
        };
    }

    private static boolean opcodeIsModify(int opcode) {
        return opcode <= LIST_SORT || (opcode >= LIST_REMOVE_BY_INDEX && opcode <= LIST_REMOVE_BY_VALUE_REL_RANK_RANGE);
    }

    /** Runs a read opcode. */
    int read(CdtArguments args, MemorySegment program) {
        int opcode = args.opcode;
        long[] integer = args.integers;
        return switch (opcode) {
            case LIST_SIZE -> {
                state.result.setInteger(state.list.count());
                yield ResultCode.OK;
            }
            case LIST_GET -> selections.byIndexRange(RETURN_VALUE, false, integer[0], 1);
            case LIST_GET_RANGE -> selections.byIndexRange(RETURN_VALUE, true, integer[0], integer[1]);
            default -> opcode >= LIST_GET_BY_INDEX && opcode <= LIST_GET_BY_VALUE_REL_RANK_RANGE
                    ? select(opcode, args, program) : ResultCode.PARAMETER_ERROR;
        };
    }

    /** The get-by family (and, for modify ops, remove-by), by the get opcode. */
    private int select(int getOpcode, CdtArguments args, MemorySegment program) {
        long returnArgument = args.integers[0];
        long[] integer = args.integers;
        long[] starts = args.valueStarts;
        long[] ends = args.valueEnds;
        return switch (getOpcode) {
            case LIST_GET_BY_INDEX -> selections.byIndexRange(returnArgument, false, integer[1], 1);
            case LIST_GET_BY_RANK -> selections.byRankRange(returnArgument, false, integer[1], 1);
            case LIST_GET_BY_VALUE, LIST_GET_ALL_BY_VALUE -> selections.byValueInterval(returnArgument,
                    getOpcode == LIST_GET_ALL_BY_VALUE, program, starts[1], ends[1], starts[1], ends[1], true);
            case LIST_GET_ALL_BY_VALUE_LIST -> selections.byValueList(returnArgument, program, starts[1], ends[1]);
            case LIST_GET_BY_INDEX_RANGE -> selections.byIndexRange(returnArgument, true, integer[1], integer[2]);
            case LIST_GET_BY_VALUE_INTERVAL -> selections.byValueInterval(returnArgument, true, program, starts[1],
                    ends[1], starts[2], ends[2], false);
            case LIST_GET_BY_RANK_RANGE -> selections.byRankRange(returnArgument, true, integer[1], integer[2]);
            case LIST_GET_BY_VALUE_REL_RANK_RANGE -> selections.byValueRelativeRankRange(returnArgument, program,
                    starts[1], ends[1], integer[2], integer[3]);
            default -> ResultCode.PARAMETER_ERROR;
        };
    }

    private int setType(long flags) {
        if (!validListFlags(flags)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        int newFlags = (int) (state.topLevel ? flags : flags & ~MsgPackFormat.PERSIST_INDEX);
        PackedList list = state.list;
        if (newFlags == list.flags() && state.live) {
            return ResultCode.OK;
        }
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, newFlags, list.count());
        if ((newFlags & MsgPackFormat.LIST_ORDERED) != 0 && !list.ordered() && list.count() > 1) {
            int[] order = state.rankOrder(false);
            for (int i = 0; i < list.count(); i++) {
                list.copy(out, order[i], order[i] + 1);
            }
        } else {
            list.copy(out, 0, list.count());
        }
        state.changed = true;
        return ResultCode.OK;
    }

    /** Rewrites the value parameter {@code index} into stored form in {@link ListState#value}. */
    private void canonicalValue(MemorySegment program, CdtArguments args, int index) {
        state.value.clear();
        state.canonical.rewrite(program, args.valueStarts[index], args.valueEnds[index] - args.valueStarts[index],
                state.value, false);
    }

    private boolean valueIsList() {
        input.wrap(state.value.segment(), 0, state.value.length());
        return input.peekType() == MsgPackType.LIST;
    }

    private int append(MemorySegment program, CdtArguments args, int valueIndex, boolean items, long flags) {
        canonicalValue(program, args, valueIndex);
        if (items && !valueIsList()) {
            return ResultCode.PARAMETER_ERROR;
        }
        ensureCreated(args);
        PackedList list = state.list;
        if (!list.ordered()) {
            return ListInserts.insert(state, list.count(), items, flags, true);
        }
        return items ? ListInserts.addItemsOrdered(state, flags) : ListInserts.addOrdered(state, flags);
    }

    private int insert(MemorySegment program, CdtArguments args, long index, boolean items, long flags) {
        canonicalValue(program, args, 1);
        if (items && !valueIsList()) {
            return ResultCode.PARAMETER_ERROR;
        }
        ensureCreated(args);
        if (state.list.ordered()) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        return ListInserts.insert(state, index, items, flags, true);
    }

    private int set(MemorySegment program, CdtArguments args, long index, long flags) {
        canonicalValue(program, args, 1);
        ensureCreated(args);
        return ListInserts.set(state, index, flags);
    }

    private int increment(MemorySegment program, CdtArguments args, long index, long flags) {
        ensureCreated(args);
        return ListInserts.increment(state, program, args.hasValue(1) ? args.valueStarts[1] : -1,
                args.hasValue(1) ? args.valueEnds[1] : -1, index, flags);
    }

    /** A list that does not exist yet becomes an empty one with the op's create flags. */
    private void ensureCreated(CdtArguments args) {
        if (!state.live) {
            state.list.initEmpty(createFlags(args));
            state.changed = true; // even a no-op leaves the new (empty) list behind
            state.out.clear();
            PackedList.writeHeader(state.out, state.list.flags(), 0);
        }
    }

    private int sort(long flags) {
        PackedList list = state.list;
        int count = list.count();
        if (count <= 1) {
            return ResultCode.OK;
        }
        int[] order;
        if (list.ordered()) {
            order = state.rankOrder(false); // already sorted: identity, only duplicates may go
        } else {
            order = state.rankOrder((flags & SORT_DESCENDING) != 0);
        }
        boolean dropDuplicates = (flags & SORT_DROP_DUPLICATES) != 0;
        boolean[] drop = state.clearedMask(count);
        int dropped = 0;
        for (int i = 1; dropDuplicates && i < count; i++) {
            if (state.compareElements(order[i - 1], order[i]) == 0) {
                drop[order[i]] = true;
                dropped++;
            }
        }
        MsgPackOutput out = state.out;
        out.clear();
        PackedList.writeHeader(out, list.flags(), count - dropped);
        for (int i = 0; i < count; i++) {
            if (!drop[order[i]]) {
                list.copy(out, order[i], order[i] + 1);
            }
        }
        state.changed = true;
        return ResultCode.OK;
    }

    private int clear() {
        state.writeEmpty(state.list.ordered());
        return ResultCode.OK;
    }
}
