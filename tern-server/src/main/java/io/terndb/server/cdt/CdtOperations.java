package io.terndb.server.cdt;

import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MalformedMsgPackException;
import io.terndb.protocol.msgpack.MsgPackInput;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.protocol.msgpack.MsgPackType;
import java.lang.foreign.MemorySegment;

/**
 * Runs one CDT op (a CDT_READ or CDT_MODIFY op's msgpack program) on one bin. One instance per thread
 * ({@code WorkerState}); after {@link #apply} returns OK, {@link #changed()} says whether the bin has a new value
 * ({@link #newValue()}, of particle type {@link #newParticleType()}) and {@link #result()} holds the op's answer.
 *
 * <pre>
 *  program:  [opcode, parameters...]                      an op on the bin itself
 *            [0xff, [context...], [opcode, parameters...]]  an op on a nested element
 * </pre>
 *
 * Result codes: 4 for a malformed program or parameters, 12 for a bin (or element) that is not a list, 16 for map
 * opcodes (not implemented yet), and the op's own codes (24, 26). Malformed msgpack anywhere, stored bytes
 * included, is caught here and answered 4: nothing escapes.
 */
public final class CdtOperations {

    private final ListState state = new ListState();
    private final ListOperations lists = new ListOperations(state);
    private final CdtArguments arguments = new CdtArguments();
    private final CdtContext context = new CdtContext(state.order, state.canonical);
    private final MsgPackInput input = new MsgPackInput();
    /** Looks at values without moving the program cursor. */
    private final MsgPackInput probe = new MsgPackInput();
    private final MsgPackOutput spare = new MsgPackOutput(1024);
    private MsgPackOutput newValue;
    private int newParticleType;

    /**
     * Applies the program at {@code [programAt, programAt + programLength)} of {@code program} to the bin value at
     * {@code [binAt, binAt + binLength)} of {@code bin} with particle type {@code binType}
     * ({@link ParticleType#NULL}: the bin does not exist). {@code modify}: the op is a CDT_MODIFY.
     */
    public int apply(MemorySegment program, long programAt, int programLength, boolean modify, MemorySegment bin,
            long binAt, int binLength, int binType) {
        newValue = null;
        try {
            return run(program, programAt, programLength, modify, bin, binAt, binLength, binType);
        } catch (MalformedMsgPackException e) {
            newValue = null;
            state.changed = false;
            state.result.clear();
            return ResultCode.PARAMETER_ERROR;
        }
    }

    private int run(MemorySegment program, long programAt, int programLength, boolean modify, MemorySegment bin,
            long binAt, int binLength, int binType) {
        input.wrap(program, programAt, programLength);
        int count = input.readArrayHeader();
        if (count == 0 || !input.peekIsInteger()) {
            return ResultCode.PARAMETER_ERROR;
        }
        long opcode = input.readLong();
        boolean exists = binType != ParticleType.NULL;
        boolean nested = opcode == CdtCodes.CONTEXT_EVAL;
        state.reset(modify, !nested);
        context.program(program);
        if (nested) {
            if (count != 3) {
                return ResultCode.PARAMETER_ERROR;
            }
            if (exists && binType != ParticleType.LIST && binType != ParticleType.MAP) {
                return ResultCode.PARAMETER_ERROR;
            }
            int code = context.dig(input, bin, exists ? binAt : -1, binAt + binLength, modify);
            if (code != ResultCode.OK) {
                return code;
            }
            count = input.readArrayHeader();
            if (count == 0 || !input.peekIsInteger()) {
                return ResultCode.PARAMETER_ERROR;
            }
            opcode = input.readLong();
        }
        if (CdtCodes.isMapOpcode(opcode)) {
            return ResultCode.UNSUPPORTED_FEATURE;
        }
        byte[] kinds = ListOpTable.kinds(opcode);
        if (kinds == null) {
            return ResultCode.PARAMETER_ERROR;
        }
        int code = prepareList(nested, exists, bin, binAt, binLength, binType);
        if (code != ResultCode.OK) {
            return code;
        }
        if (!arguments.read(input, (int) opcode, count - 1, kinds)) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (ListOpTable.isRead(arguments.opcode) == modify) {
            return ResultCode.PARAMETER_ERROR; // a read opcode in a modify op, or the other way round
        }
        code = modify ? lists.modify(arguments, program) : lists.read(arguments, program);
        if (code == ResultCode.OK && state.changed) {
            finishChange(nested, exists, binType);
        } else {
            state.changed = false;
        }
        return code;
    }

    /** Points the list at the op's target: the bin, the element the context reached, or nothing yet. */
    private int prepareList(boolean nested, boolean exists, MemorySegment bin, long binAt, int binLength,
            int binType) {
        PackedList list = state.list;
        if (!nested) {
            if (exists && binType != ParticleType.LIST) {
                return ResultCode.BIN_TYPE_ERROR;
            }
            state.live = exists;
            if (exists) {
                list.init(bin, binAt, binAt + binLength);
            } else {
                list.initEmpty(0);
            }
            return ResultCode.OK;
        }
        if (context.leafMissing()) {
            state.live = false;
            list.initEmpty(0);
            return ResultCode.OK;
        }
        probe.wrap(bin, context.leafStart(), context.leafEnd() - context.leafStart());
        if (probe.peekType() != MsgPackType.LIST) {
            return ResultCode.BIN_TYPE_ERROR;
        }
        state.live = true;
        list.init(bin, context.leafStart(), context.leafEnd());
        return ResultCode.OK;
    }

    private void finishChange(boolean nested, boolean exists, int binType) {
        if (!nested) {
            newValue = state.out;
            newParticleType = ParticleType.LIST;
            return;
        }
        newValue = context.unwind(state.out, spare);
        if (exists) {
            newParticleType = binType;
        } else {
            probe.wrap(newValue.segment(), 0, newValue.length());
            newParticleType = probe.peekType() == MsgPackType.MAP ? ParticleType.MAP : ParticleType.LIST;
        }
    }

    public boolean changed() {
        return state.changed && newValue != null;
    }

    /** The bin's new value (valid until the next {@link #apply}). */
    public MsgPackOutput newValue() {
        return newValue;
    }

    public int newParticleType() {
        return newParticleType;
    }

    public boolean hasResult() {
        return state.result.hasValue();
    }

    public int resultParticleType() {
        return state.result.particleType();
    }

    /** The result particle's bytes: {@code resultBytes().buffer()[0, resultBytes().length())}. */
    public MsgPackOutput resultBytes() {
        return state.result.bytes();
    }
}
