package io.terndb.server.cdt;

import static io.terndb.server.cdt.CdtCodes.*;

import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.IndexSort;
import io.terndb.protocol.msgpack.MalformedMsgPackException;
import io.terndb.protocol.msgpack.MsgPackCanonical;
import io.terndb.protocol.msgpack.MsgPackFormat;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOrder;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import io.terndb.server.cdt.map.PackedMap;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * A nested context ({@code CTX.listIndex(...)}, {@code CTX.mapKey(...)}, ...): {@link #dig} walks from the bin
 * down to the element the op works on, remembering each container passed; {@link #unwind} rebuilds those
 * containers, innermost first, around the element's new bytes. A create context whose element is missing
 * ({@code listIndexCreate}, {@code mapKeyCreate}) starts a chain of containers to create: each remaining context
 * step becomes a new container typed by its create flags, and the op's own flags type the innermost one.
 *
 * <pre>
 *  context:  [type0, value0, type1, value1, ...]        type: base (0 index, 1 rank, 2 key, 3 value)
 *                                                             | 0x10 list | 0x20 map | create 0x40/0x80/0xc0
 *  levels:   container 0 (the bin) > element 0 = container 1 > ... > element n-1 = the op's list
 * </pre>
 *
 * Result codes as the original: a malformed context 4, a step that does not apply or finds nothing 26, a bin
 * that is neither list nor map 4.
 */
final class CdtContext {

    private static final int LEVELS_INITIAL = 8;

    private final MsgPackOrder order;
    private final MsgPackCanonical canonical;
    private final PackedList list = new PackedList();
    private final PackedMap map;
    private final IndexSort sorter = new IndexSort();
    private final MsgPackInput probe = new MsgPackInput();
    /** Canonical map keys of created pairs, back to back; each level names its span. */
    private final MsgPackOutput keys = new MsgPackOutput(128);
    private int[] rankScratch = new int[16];

    private MemorySegment bin = MemorySegment.NULL;
    private final IndexSort.Comparison byListValue;
    // Existing containers passed, outermost first.
    private int levels;
    private boolean[] levelIsMap = new boolean[LEVELS_INITIAL];
    private long[] levelStart = new long[LEVELS_INITIAL];
    private long[] levelEnd = new long[LEVELS_INITIAL];
    /** The element's index (list) or pair's storage position (map); where it goes when created. */
    private int[] levelPosition = new int[LEVELS_INITIAL];
    // Containers to create, outermost first (after the existing ones).
    private int chain;
    private boolean[] chainIsMap = new boolean[LEVELS_INITIAL];
    private int[] chainFlags = new int[LEVELS_INITIAL];
    private long[] chainPadding = new long[LEVELS_INITIAL];
    private int[] keyStart = new int[LEVELS_INITIAL];
    private int[] keyEnd = new int[LEVELS_INITIAL];
    /** The deepest existing container gets a new element (a missing key or index created there). */
    private boolean createdInLast;
    private long createdPadding;
    private int createdKeyStart;
    private int createdKeyEnd;
    private long leafStart;
    private long leafEnd;

    CdtContext(MsgPackOrder order, MsgPackCanonical canonical) {
        this.order = order;
        this.canonical = canonical;
        this.map = new PackedMap(order);
        this.byListValue =
                (left, right) -> order.compare(bin, list.at(left), list.end(), bin, list.at(right), list.end());
    }

    /** Whether the op's element does not exist yet (it will be created). */
    boolean leafMissing() {
        return createdInLast || chain > 0;
    }

    long leafStart() {
        return leafStart;
    }

    long leafEnd() {
        return leafEnd;
    }

    /**
     * Walks the context at the cursor from the bin at {@code [binStart, binEnd)} of {@code segment}
     * ({@code binStart < 0}: no bin). Returns a result code.
     */
    int dig(MsgPackInput input, MemorySegment segment, long binStart, long binEnd, boolean modify) {
        bin = segment;
        levels = 0;
        chain = 0;
        createdInLast = false;
        keys.clear();
        int values = input.readArrayHeader();
        if (values == 0 || (values & 1) != 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        long start = binStart;
        long end = binEnd;
        for (int step = 0; step < values / 2; step++) {
            if (!input.peekIsInteger()) {
                return ResultCode.PARAMETER_ERROR;
            }
            long type = input.readLong();
            int base = (int) (type & CONTEXT_BASE_MASK);
            int create = (int) (type & CONTEXT_CREATE_MASK);
            boolean kindGiven = (type & (CONTEXT_LIST | CONTEXT_MAP)) != 0;
            if (base > CONTEXT_BY_VALUE || (!kindGiven && create != 0)) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            boolean createOn = (create & ~CONTEXT_CREATE_PERSIST_INDEX) != 0;
            if (start < 0 || leafMissing()) {
                if ((start < 0 && step == 0 && !createOn) || !modify) {
                    return ResultCode.OP_NOT_APPLICABLE;
                }
                int code = addChain(input, type, start < 0 && step == 0);
                if (code != ResultCode.OK) {
                    return code;
                }
                continue;
            }
            int code = step(input, type, base, createOn, start, end);
            if (code != ResultCode.OK) {
                return code;
            }
            if (createdInLast && !modify) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            start = leafStart;
            end = leafEnd;
        }
        return ResultCode.OK;
    }

    /** One step into the existing container at {@code [start, end)}. */
    private int step(MsgPackInput input, long type, int base, boolean createOn, long start, long end) {
        probe.wrap(bin, start, end - start);
        int containerType = probe.peekType();
        if (containerType == MsgPackType.LIST) {
            if ((type & CONTEXT_MAP) != 0 || base == CONTEXT_BY_KEY) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            list.init(bin, start, end);
            return listStep(input, type, base, createOn, start, end);
        }
        if (containerType == MsgPackType.MAP) {
            if ((type & CONTEXT_LIST) != 0) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            map.init(bin, start, end);
            return mapStep(input, base, createOn, start, end);
        }
        return ResultCode.OP_NOT_APPLICABLE;
    }

    private void pushLevel(boolean isMap, long start, long end, int position) {
        if (levels == levelStart.length) {
            int size = levels * 2;
            levelIsMap = Arrays.copyOf(levelIsMap, size);
            levelStart = Arrays.copyOf(levelStart, size);
            levelEnd = Arrays.copyOf(levelEnd, size);
            levelPosition = Arrays.copyOf(levelPosition, size);
        }
        levelIsMap[levels] = isMap;
        levelStart[levels] = start;
        levelEnd[levels] = end;
        levelPosition[levels] = position;
        levels++;
    }

    private int listStep(MsgPackInput input, long type, int base, boolean createOn, long start, long end) {
        int count = list.count();
        int index;
        if (base == CONTEXT_BY_VALUE) {
            long at = input.position();
            long valueEnd = input.skip();
            index = findListValue(at, valueEnd);
            if (index < 0) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        } else {
            if (!input.peekIsInteger()) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            long requested = input.readLong();
            long absolute = ListSelections.absoluteIndex(requested, count);
            if (requested >= count || absolute < 0) {
                if (base != CONTEXT_BY_INDEX || !createOn) {
                    return ResultCode.OP_NOT_APPLICABLE;
                }
                return createInList(type, requested, start, end);
            }
            index = (int) absolute;
            if (base == CONTEXT_BY_RANK && !list.ordered()) {
                index = listRank(index);
            }
        }
        pushLevel(false, start, end, index);
        leafStart = list.at(index);
        leafEnd = list.at(index + 1);
        return ResultCode.OK;
    }

    /** A missing index of an existing list, with a create flag: the element is appended (padded, or sorted in). */
    private int createInList(long type, long requested, long start, long end) {
        int count = list.count();
        int create = (int) (type & CONTEXT_CREATE_MASK & ~CONTEXT_CREATE_PERSIST_INDEX);
        long padding = 0;
        if (requested < 0 && !(count == 0 && requested == -1)) {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        if (requested > count && !list.ordered()) {
            if (create != CONTEXT_CREATE_UNBOUNDED_OR_KEY_ORDERED) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            padding = requested - count;
        }
        pushLevel(false, start, end, count);
        createdInLast = true;
        createdPadding = padding;
        return ResultCode.OK;
    }

    private int findListValue(long at, long valueEnd) {
        int count = list.count();
        for (int i = 0; i < count; i++) {
            if (order.compare(bin, list.at(i), list.end(), probeSegment(), at, valueEnd) == 0) {
                return i;
            }
        }
        return -1;
    }

    private MemorySegment programSegment;

    /** The program the context values are read from. */
    void program(MemorySegment program) {
        this.programSegment = program;
    }

    private MemorySegment probeSegment() {
        return programSegment;
    }

    private int listRank(int rank) {
        int count = list.count();
        if (rankScratch.length < count) {
            rankScratch = new int[Math.max(count, rankScratch.length * 2)];
        }
        for (int i = 0; i < count; i++) {
            rankScratch[i] = i;
        }
        sorter.sort(rankScratch, 0, count, byListValue);
        return rankScratch[rank];
    }

    private int mapStep(MsgPackInput input, int base, boolean createOn, long start, long end) {
        int count = map.count();
        int pair;
        if (base == CONTEXT_BY_KEY) {
            long at = input.position();
            long keyEndAt = input.skip();
            int keyFrom = keys.length();
            try {
                canonical.rewrite(programSegment, at, keyEndAt - at, keys, false);
            } catch (MalformedMsgPackException e) {
                return ResultCode.OP_NOT_APPLICABLE; // a key that cannot be stored cannot be found either
            }
            pair = map.findKey(keys.segment(), keyFrom, keys.length());
            if (pair < 0) {
                if (!createOn) {
                    return ResultCode.OP_NOT_APPLICABLE;
                }
                pushLevel(true, start, end, map.keyInsertionIndex(keys.segment(), keyFrom, keys.length()));
                createdInLast = true;
                createdKeyStart = keyFrom;
                createdKeyEnd = keys.length();
                return ResultCode.OK;
            }
        } else if (base == CONTEXT_BY_VALUE) {
            long at = input.position();
            long valueEnd = input.skip();
            pair = map.findValue(programSegment, at, valueEnd);
            if (pair < 0) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
        } else {
            if (!input.peekIsInteger()) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            long requested = input.readLong();
            long absolute = ListSelections.absoluteIndex(requested, count);
            if (requested >= count || absolute < 0) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            pair = base == CONTEXT_BY_INDEX ? map.pairByIndex((int) absolute) : map.pairByRank((int) absolute);
        }
        pushLevel(true, start, end, pair);
        leafStart = map.valueAt(pair);
        leafEnd = map.pairEnd(pair);
        return ResultCode.OK;
    }

    /** A context step below a missing element: a container to create, typed by the step's create flags. */
    private int addChain(MsgPackInput input, long type, boolean isBin) {
        int masked = (int) (type & CONTEXT_TYPE_MASK);
        int create = (int) (type & CONTEXT_CREATE_MASK);
        boolean persist = (create & CONTEXT_CREATE_PERSIST_INDEX) != 0;
        if (persist && !isBin) {
            return ResultCode.OP_NOT_APPLICABLE; // persist-index only for a whole bin
        }
        create &= ~CONTEXT_CREATE_PERSIST_INDEX;
        ensureChain(chain + 1);
        int persistFlag = persist ? MsgPackFormat.PERSIST_INDEX : 0;
        if (masked == (CONTEXT_MAP | CONTEXT_BY_KEY)) {
            long at = input.position();
            long keyEndAt = input.skip();
            int keyFrom = keys.length();
            try {
                canonical.rewrite(programSegment, at, keyEndAt - at, keys, false);
            } catch (MalformedMsgPackException e) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            chainIsMap[chain] = true;
            chainFlags[chain] = (create == CONTEXT_CREATE_ORDERED ? MsgPackFormat.MAP_KEY_VALUE_ORDERED
                    : create == CONTEXT_CREATE_UNBOUNDED_OR_KEY_ORDERED ? MsgPackFormat.MAP_KEY_ORDERED : 0)
                    | persistFlag;
            keyStart[chain] = keyFrom;
            keyEnd[chain] = keys.length();
        } else if (masked == (CONTEXT_LIST | CONTEXT_BY_INDEX)) {
            if (!input.peekIsInteger()) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            long index = input.readLong();
            boolean unbounded = create == CONTEXT_CREATE_UNBOUNDED_OR_KEY_ORDERED;
            boolean ordered = create == CONTEXT_CREATE_ORDERED;
            if (index < -1 || (index > 0 && !unbounded && !ordered)) {
                return ResultCode.OP_NOT_APPLICABLE;
            }
            chainIsMap[chain] = false;
            chainFlags[chain] = (ordered ? MsgPackFormat.LIST_ORDERED : 0) | persistFlag;
            chainPadding[chain] = unbounded && index > 0 ? index : 0;
        } else {
            return ResultCode.OP_NOT_APPLICABLE;
        }
        chain++;
        return ResultCode.OK;
    }

    private void ensureChain(int size) {
        if (size > chainIsMap.length) {
            int grown = Math.max(size, chainIsMap.length * 2);
            chainIsMap = Arrays.copyOf(chainIsMap, grown);
            chainFlags = Arrays.copyOf(chainFlags, grown);
            chainPadding = Arrays.copyOf(chainPadding, grown);
            keyStart = Arrays.copyOf(keyStart, grown);
            keyEnd = Arrays.copyOf(keyEnd, grown);
        }
    }

    /**
     * Rebuilds the bin around the op's new element: {@code element} holds its bytes; the new bin is left in
     * {@code element} too ({@code spare} is the other buffer of the ping-pong). Returns the buffer holding the bin.
     */
    MsgPackOutput unwind(MsgPackOutput element, MsgPackOutput spare) {
        MsgPackOutput child = element;
        MsgPackOutput parent = spare;
        for (int i = chain - 1; i >= 0; i--) {
            parent.clear();
            if (chainIsMap[i]) {
                PackedMap.writeHeader(parent, chainFlags[i], 1);
                parent.writeBytes(keys.buffer(), keyStart[i], keyEnd[i] - keyStart[i]);
            } else {
                PackedList.writeHeader(parent, chainFlags[i], (int) chainPadding[i] + 1);
                for (long p = 0; p < chainPadding[i]; p++) {
                    parent.writeNil();
                }
            }
            parent.writeBytes(child.buffer(), 0, child.length());
            MsgPackOutput swap = child;
            child = parent;
            parent = swap;
        }
        for (int level = levels - 1; level >= 0; level--) {
            boolean created = createdInLast && level == levels - 1;
            parent.clear();
            if (levelIsMap[level]) {
                rebuildMap(level, created, child, parent);
            } else {
                rebuildList(level, created, child, parent);
            }
            MsgPackOutput swap = child;
            child = parent;
            parent = swap;
        }
        return child;
    }

    private void rebuildMap(int level, boolean created, MsgPackOutput child, MsgPackOutput out) {
        map.init(bin, levelStart[level], levelEnd[level]);
        int position = levelPosition[level];
        int count = map.count();
        PackedMap.writeHeader(out, map.flags(), created ? count + 1 : count);
        out.writeBytes(bin, map.keyAt(0), (int) (map.keyAt(position) - map.keyAt(0)));
        if (created) {
            out.writeBytes(keys.buffer(), createdKeyStart, createdKeyEnd - createdKeyStart);
            out.writeBytes(child.buffer(), 0, child.length());
            out.writeBytes(bin, map.keyAt(position), (int) (map.end() - map.keyAt(position)));
        } else {
            out.writeBytes(bin, map.keyAt(position), (int) (map.valueAt(position) - map.keyAt(position)));
            out.writeBytes(child.buffer(), 0, child.length());
            out.writeBytes(bin, map.pairEnd(position), (int) (map.end() - map.pairEnd(position)));
        }
    }

    private void rebuildList(int level, boolean created, MsgPackOutput child, MsgPackOutput out) {
        list.init(bin, levelStart[level], levelEnd[level]);
        int count = list.count();
        int position = levelPosition[level];
        long padding = created ? createdPadding : 0;
        int newCount = (int) (created ? count + padding + 1 : count);
        PackedList.writeHeader(out, list.flags(), newCount);
        if (!list.ordered()) {
            list.copy(out, 0, position);
            for (long p = 0; p < padding; p++) {
                out.writeNil();
            }
            out.writeBytes(child.buffer(), 0, child.length());
            list.copy(out, created ? position : position + 1, count);
            return;
        }
        // An ordered list keeps its order: the changed element moves to its place among the others.
        int below = 0;
        for (int i = 0; i < count; i++) {
            if ((created || i != position)
                    && order.compare(bin, list.at(i), list.end(), child.segment(), 0, child.length()) < 0) {
                below++;
            }
        }
        boolean childWritten = false;
        int othersWritten = 0;
        for (int i = 0; i < count; i++) {
            if (!created && i == position) {
                continue;
            }
            if (!childWritten && othersWritten == below) {
                out.writeBytes(child.buffer(), 0, child.length());
                childWritten = true;
            }
            list.copy(out, i, i + 1);
            othersWritten++;
        }
        if (!childWritten) {
            out.writeBytes(child.buffer(), 0, child.length());
        }
    }
}
