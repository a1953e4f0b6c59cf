package io.terndb.server.txn;

import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.msgpack.MsgPackOutput;
import io.terndb.server.cdt.CdtOperations;
import io.terndb.storage.record.BinSet;
import java.lang.foreign.MemorySegment;

/**
 * CDT_READ and CDT_MODIFY ops of a transaction: hands the op's program and the bin to {@link CdtOperations},
 * stores the bin's new value in the working copy and adds the op's answer to the results, following the
 * original's rules for which ops answer: a modify op answers when it has a result (or with RESPOND_ALL_OPS, nil
 * when it has none); a read op of a write transaction always answers; a read op of a missing bin answers nil
 * only with RESPOND_ALL_OPS.
 */
final class CdtBinOperations {

    private CdtBinOperations() {
    }

    /** An op of a write transaction, on the working copy {@code state.bins}. */
    static int applyToWorkingCopy(WorkerState state, AsMessage message, int op, int nameLength, boolean respondAll,
            boolean modify) {
        if (nameLength == 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        BinSet bins = state.bins;
        int index = bins.indexOf(state.name, nameLength);
        if (!modify && index < 0) {
            if (respondAll) {
                state.results.add(state.name, 0, nameLength);
            }
            return ResultCode.OK;
        }
        MemorySegment program = state.program(message, op);
        CdtOperations cdt = state.cdt;
        int code = index < 0
                ? cdt.apply(program, 0, message.valueLength(op), modify, MemorySegment.NULL, 0, 0, ParticleType.NULL)
                : cdt.apply(program, 0, message.valueLength(op), modify, state.binValues(), bins.valueOffset(index),
                        bins.valueLength(index), bins.type(index));
        if (code != ResultCode.OK) {
            return code;
        }
        if (cdt.changed()) {
            MsgPackOutput value = cdt.newValue();
            int binIndex = index >= 0 ? index : bins.indexOrAdd(state.name, nameLength);
            int offset = bins.reserveValue(binIndex, cdt.newParticleType(), value.length());
            System.arraycopy(value.buffer(), 0, bins.values(), offset, value.length());
        }
        if (!modify || respondAll || cdt.hasResult()) {
            addResult(state, state.name, 0, nameLength);
        }
        return ResultCode.OK;
    }

    /** Adds the last op's result (nil when it has none) under the bin name. */
    static void addResult(WorkerState state, byte[] name, int nameOffset, int nameLength) {
        BinSet results = state.results;
        int result = results.add(name, nameOffset, nameLength);
        CdtOperations cdt = state.cdt;
        if (cdt.hasResult()) {
            MsgPackOutput bytes = cdt.resultBytes();
            int offset = results.reserveValue(result, cdt.resultParticleType(), bytes.length());
            System.arraycopy(bytes.buffer(), 0, results.values(), offset, bytes.length());
        }
    }
}
