package io.terndb.server.txn;

import static io.terndb.storage.NativeMemory.ALL;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ProtoHeader;
import io.terndb.storage.record.BinSet;
import io.terndb.storage.record.RecordLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes reply records (22-byte AS_MSG header, fields, ops) into Netty buffers. A "record" here has no proto header;
 * callers frame one or more records with {@link #beginFrame} and {@link #endFrame}.
 */
public final class ReplyWriter {

    private ReplyWriter() {
    }

    /** Reserves the 8-byte proto header of a frame; returns its index for {@link #endFrame}. */
    public static int beginFrame(ByteBuf out) {
        int at = out.writerIndex();
        out.writeLong(0);
        return at;
    }

    public static void endFrame(ByteBuf out, int frameAt) {
        out.setLong(frameAt, ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, out.writerIndex() - frameAt - 8L));
    }

    /** Writes a record header; returns its index so counts can be patched by {@link #patchCounts}. */
    public static int header(ByteBuf out, int info1, int info3, int resultCode, int generation, long voidTime,
            int transactionTtl, int fieldCount, int operationCount) {
        int at = out.writerIndex();
        out.writeByte(MessageLayout.HEADER_BYTES);
        out.writeByte(info1);
        out.writeByte(0);
        out.writeByte(info3);
        out.writeByte(0);
        out.writeByte(resultCode);
        out.writeInt(generation);
        out.writeInt((int) voidTime);
        out.writeInt(transactionTtl);
        out.writeShort(fieldCount);
        out.writeShort(operationCount);
        return at;
    }

    public static void headerOnly(ByteBuf out, int resultCode, int batchIndex) {
        header(out, 0, 0, resultCode, 0, 0, batchIndex, 0, 0);
    }

    public static void patchCounts(ByteBuf out, int headerAt, int fieldCount, int operationCount) {
        out.setShort(headerAt + MessageLayout.FIELD_COUNT_OFFSET, fieldCount);
        out.setShort(headerAt + MessageLayout.OPERATION_COUNT_OFFSET, operationCount);
    }

    public static void field(ByteBuf out, int type, byte[] data) {
        out.writeInt(data.length + 1);
        out.writeByte(type);
        out.writeBytes(data);
    }

    /** A field whose data is {@code length} bytes of native memory at {@code address}. */
    public static void field(ByteBuf out, int type, long address, int length) {
        out.writeInt(length + 1);
        out.writeByte(type);
        copyFromNative(out, address, length);
    }

    /** Writes the stored bin at {@code bin} as a READ op. */
    public static void storedBin(ByteBuf out, long bin) {
        int nameBytes = RecordLayout.nameBytes(bin);
        int valueBytes = RecordLayout.valueBytes(bin);
        out.writeInt(MessageLayout.OPERATION_SIZE_FIXED_BYTES + nameBytes + valueBytes);
        out.writeByte(OperationType.READ);
        out.writeByte(RecordLayout.particleType(bin));
        out.writeByte(0);
        out.writeByte(nameBytes);
        copyFromNative(out, RecordLayout.name(bin), nameBytes);
        copyFromNative(out, RecordLayout.value(bin), valueBytes);
    }

    /** Writes bin {@code index} of a working set as an op of {@code operationType}. */
    public static void workingBin(ByteBuf out, BinSet bins, int index, int operationType) {
        int nameLength = bins.nameLength(index);
        int valueLength = bins.valueLength(index);
        out.writeInt(MessageLayout.OPERATION_SIZE_FIXED_BYTES + nameLength + valueLength);
        out.writeByte(operationType);
        out.writeByte(bins.type(index));
        out.writeByte(0);
        out.writeByte(nameLength);
        out.writeBytes(bins.names(), bins.nameOffset(index), nameLength);
        out.writeBytes(bins.values(), bins.valueOffset(index), valueLength);
    }

    /** Appends {@code length} bytes of native memory, straight into the buffer's memory where it has an address. */
    public static void copyFromNative(ByteBuf out, long address, int length) {
        out.ensureWritable(length);
        int writerIndex = out.writerIndex();
        if (out.hasMemoryAddress()) {
            MemorySegment.copy(ALL, address, ALL, out.memoryAddress() + writerIndex, length);
        } else if (out.hasArray()) {
            MemorySegment.copy(ALL, ValueLayout.JAVA_BYTE, address, out.array(), out.arrayOffset() + writerIndex,
                    length);
        } else {
            out.nioBuffer(writerIndex, length).put(ALL.asSlice(address, length).asByteBuffer());
        }
        out.writerIndex(writerIndex + length);
    }
}
