package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import io.terndb.storage.record.BinSet;

/**
 * Applies one operation of a write request to the record's working bins, collecting results. Each method returns a
 * result code; on anything but OK the caller drops the working copy, so a failed request changes nothing.
 */
final class BinOperations {

    private BinOperations() {
    }

    static int apply(WorkerState state, AsMessage message, int op) {
        int nameLength = message.nameLength(op);
        if (nameLength > MessageLayout.BIN_NAME_BYTES_MAX) {
            return ResultCode.BIN_NAME_TOO_LONG;
        }
        message.buffer.getBytes(message.nameAt(op), state.name, 0, nameLength);
        boolean respondAll = (message.info2 & MessageFlags.INFO2_RESPOND_ALL_OPS) != 0;
        int result = switch (message.operationType(op)) {
            case OperationType.READ -> read(state, message, nameLength, respondAll);
            case OperationType.WRITE -> write(state, message, op, nameLength);
            case OperationType.INCREMENT -> increment(state, message, op, nameLength);
            case OperationType.APPEND -> concatenate(state, message, op, nameLength, true);
            case OperationType.PREPEND -> concatenate(state, message, op, nameLength, false);
            case OperationType.TOUCH -> ResultCode.OK;
            case OperationType.DELETE_ALL -> deleteAll(state);
            case OperationType.CDT_READ -> (message.info1 & MessageFlags.INFO1_READ) == 0 ? ResultCode.PARAMETER_ERROR
                    : CdtBinOperations.applyToWorkingCopy(state, message, op, nameLength, respondAll, false);
            case OperationType.CDT_MODIFY ->
                    CdtBinOperations.applyToWorkingCopy(state, message, op, nameLength, respondAll, true);
            case OperationType.BIT_READ, OperationType.BIT_MODIFY,
                 OperationType.HLL_READ, OperationType.HLL_MODIFY, OperationType.EXPRESSION_READ,
                 OperationType.EXPRESSION_MODIFY -> ResultCode.UNSUPPORTED_FEATURE;
            default -> ResultCode.PARAMETER_ERROR;
        };
        int type = message.operationType(op);
        if (result == ResultCode.OK && respondAll && !OperationType.isRead(type) && type != OperationType.CDT_MODIFY) {
            state.results.add(state.name, 0, nameLength); // a write's placeholder result: NIL under the bin name
        }
        return result;
    }

    private static int read(WorkerState state, AsMessage message, int nameLength, boolean respondAll) {
        if ((message.info1 & MessageFlags.INFO1_READ) == 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        BinSet bins = state.bins;
        if (nameLength == 0) {
            if ((message.info1 & MessageFlags.INFO1_GET_ALL) != 0) {
                for (int i = 0; i < bins.count(); i++) {
                    copyResult(state, i);
                }
            }
            return ResultCode.OK;
        }
        int index = bins.indexOf(state.name, nameLength);
        if (index >= 0) {
            copyResult(state, index);
        } else if (respondAll) {
            state.results.add(state.name, 0, nameLength);
        }
        return ResultCode.OK;
    }

    private static void copyResult(WorkerState state, int binIndex) {
        BinSet bins = state.bins;
        BinSet results = state.results;
        int result = results.add(bins.names(), bins.nameOffset(binIndex), bins.nameLength(binIndex));
        int length = bins.valueLength(binIndex);
        int offset = results.reserveValue(result, bins.type(binIndex), length);
        System.arraycopy(bins.values(), bins.valueOffset(binIndex), results.values(), offset, length);
    }

    private static int write(WorkerState state, AsMessage message, int op, int nameLength) {
        int particle = message.particleType(op);
        BinSet bins = state.bins;
        if (particle == ParticleType.NULL) {
            int index = bins.indexOf(state.name, nameLength);
            if (index >= 0) {
                bins.remove(index);
            }
            return ResultCode.OK;
        }
        if (nameLength == 0) {
            return ResultCode.PARAMETER_ERROR;
        }
        int valueAt = message.valueAt(op);
        int valueLength = message.valueLength(op);
        ByteBuf buffer = message.buffer;
        switch (particle) {
            case ParticleType.INTEGER -> {
                if (valueLength != 1 && valueLength != 2 && valueLength != 4 && valueLength != 8) {
                    return ResultCode.PARAMETER_ERROR;
                }
                storeLong(bins, bins.indexOrAdd(state.name, nameLength), ParticleType.INTEGER,
                        readInteger(buffer, valueAt, valueLength));
                return ResultCode.OK;
            }
            case ParticleType.DOUBLE -> {
                if (valueLength != 8) {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
            case ParticleType.BOOL -> {
                if (valueLength != 1 || (buffer.getByte(valueAt) & 0xFE) != 0) {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
            default -> {
                if (!ParticleType.isStorable(particle)) {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
        }
        int index = bins.indexOrAdd(state.name, nameLength);
        int offset = bins.reserveValue(index, particle, valueLength);
        buffer.getBytes(valueAt, bins.values(), offset, valueLength);
        return ResultCode.OK;
    }

    private static int increment(WorkerState state, AsMessage message, int op, int nameLength) {
        int particle = message.particleType(op);
        int valueAt = message.valueAt(op);
        int valueLength = message.valueLength(op);
        ByteBuf buffer = message.buffer;
        if (nameLength == 0 || (particle != ParticleType.INTEGER && particle != ParticleType.DOUBLE)
                || (particle == ParticleType.DOUBLE && valueLength != 8)
                || (particle == ParticleType.INTEGER && valueLength != 1 && valueLength != 2 && valueLength != 4
                        && valueLength != 8)) {
            return ResultCode.PARAMETER_ERROR;
        }
        BinSet bins = state.bins;
        int index = bins.indexOf(state.name, nameLength);
        if (index >= 0 && bins.type(index) != particle) {
            return ResultCode.BIN_TYPE_ERROR;
        }
        long delta = readInteger(buffer, valueAt, valueLength);
        long current = index >= 0 ? readLong(bins, index) : 0;
        long sum;
        if (particle == ParticleType.INTEGER) {
            sum = current + delta; // wraps on overflow, as the original
        } else {
            double base = index >= 0 ? Double.longBitsToDouble(current) : 0.0;
            sum = Double.doubleToRawLongBits(base + Double.longBitsToDouble(delta));
        }
        storeLong(bins, index >= 0 ? index : bins.indexOrAdd(state.name, nameLength), particle, sum);
        return ResultCode.OK;
    }

    private static int concatenate(WorkerState state, AsMessage message, int op, int nameLength, boolean append) {
        int particle = message.particleType(op);
        if (nameLength == 0 || (particle != ParticleType.STRING && particle != ParticleType.BLOB)) {
            return ResultCode.PARAMETER_ERROR;
        }
        BinSet bins = state.bins;
        int index = bins.indexOf(state.name, nameLength);
        if (index >= 0 && bins.type(index) != particle) {
            return ResultCode.BIN_TYPE_ERROR;
        }
        int addedLength = message.valueLength(op);
        int oldLength = index >= 0 ? bins.valueLength(index) : 0;
        int oldOffset = index >= 0 ? bins.valueOffset(index) : 0;
        if (index < 0) {
            index = bins.indexOrAdd(state.name, nameLength);
        }
        int offset = bins.reserveValue(index, particle, oldLength + addedLength);
        byte[] values = bins.values(); // fetched after reserving: the array may have grown
        int oldAt = append ? offset : offset + addedLength;
        int addedAt = append ? offset + oldLength : offset;
        System.arraycopy(values, oldOffset, values, oldAt, oldLength);
        message.buffer.getBytes(message.valueAt(op), values, addedAt, addedLength);
        return ResultCode.OK;
    }

    private static int deleteAll(WorkerState state) {
        state.bins.removeAll();
        return ResultCode.OK;
    }

    /** An integer particle of 1, 2, 4 or 8 bytes, big-endian, sign-extended; a double's raw bits. */
    private static long readInteger(ByteBuf buffer, int at, int length) {
        return switch (length) {
            case 1 -> buffer.getByte(at);
            case 2 -> buffer.getShort(at);
            case 4 -> buffer.getInt(at);
            default -> buffer.getLong(at);
        };
    }

    private static long readLong(BinSet bins, int index) {
        byte[] values = bins.values();
        int at = bins.valueOffset(index);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (values[at + i] & 0xFF);
        }
        return value;
    }

    private static void storeLong(BinSet bins, int index, int particle, long value) {
        int offset = bins.reserveValue(index, particle, 8);
        byte[] values = bins.values();
        for (int i = 7; i >= 0; i--) {
            values[offset + i] = (byte) value;
            value >>>= 8;
        }
    }
}
