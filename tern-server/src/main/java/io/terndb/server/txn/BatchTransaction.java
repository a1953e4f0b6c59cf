package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.ResultCode;

/**
 * The batch-index protocol (field 41): each row is run as an ordinary single-record transaction and answered by one
 * reply record carrying the row's index; a record with info3 LAST ends the stream. Replies go out in frames of
 * about {@link ReplyStream#FRAME_BYTES_TARGET} so a large batch never builds one huge buffer.
 *
 * <pre>
 *  field 41:  u32 row count | u8 batch flags | rows
 *  row:       u32 index | digest (20) | u8 row flags
 *             row flags 0x01 REPEAT: reuse the previous row's namespace, set, header values, fields and ops
 *             otherwise: u8 info1 | [info2 info3 if 0x02] | [info4 if 0x10] | [u16 generation if 0x04]
 *                        | [u32 record ttl if 0x08] | u16 n_fields | u16 n_ops | fields | ops
 * </pre>
 */
final class BatchTransaction {

    private static final int ROW_REPEAT = 0x01;
    private static final int ROW_HAS_INFO2_INFO3 = 0x02;
    private static final int ROW_HAS_GENERATION = 0x04;
    private static final int ROW_HAS_RECORD_TTL = 0x08;
    private static final int ROW_HAS_INFO4 = 0x10;
    private static final int ROW_FIXED_BYTES = 4 + FieldType.DIGEST_BYTES + 1;

    private BatchTransaction() {
    }

    static void execute(ChannelHandlerContext context, WorkerState state, AsMessage parent,
            TransactionService service) {
        ReplyStream stream = new ReplyStream(context, state.ticket);
        stream.finish(executeRows(stream, state, parent, service));
    }

    /** Runs every row; returns the batch-level result for the LAST record (OK, or why the batch was cut short). */
    private static int executeRows(ReplyStream stream, WorkerState state, AsMessage parent,
            TransactionService service) {
        if (parent.batchAt == AsMessage.ABSENT || parent.batchLength < 5) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (parent.fieldProblem() != ResultCode.OK) {
            return parent.fieldProblem(); // e.g. a batch-wide filter expression, not served yet
        }
        ByteBuf buffer = parent.buffer;
        int limit = parent.batchAt + parent.batchLength;
        long rowCount = buffer.getUnsignedInt(parent.batchAt);
        int position = parent.batchAt + 5;
        AsMessage row = state.row;
        row.buffer = null;
        for (long i = 0; i < rowCount; i++) {
            if (limit - position < ROW_FIXED_BYTES) {
                return ResultCode.PARAMETER_ERROR;
            }
            int index = buffer.getInt(position);
            int digestAt = position + 4;
            int rowFlags = buffer.getUnsignedByte(position + 4 + FieldType.DIGEST_BYTES);
            position += ROW_FIXED_BYTES;
            if ((rowFlags & ROW_REPEAT) != 0) {
                if (row.buffer == null) {
                    return ResultCode.PARAMETER_ERROR; // nothing to repeat
                }
            } else {
                position = parseRow(row, buffer, position, limit, rowFlags);
                if (position < 0) {
                    return ResultCode.PARAMETER_ERROR;
                }
            }
            int rowAt = stream.out().writerIndex();
            service.executeRecord(state, row, digestAt, stream.out(), index);
            finishRow(state, stream.out(), rowAt, index);
            stream.flushIfFull();
        }
        return ResultCode.OK;
    }

    /**
     * A row whose partition another node serves, or that is between views, is answered as unavailable (11), so the
     * client asks again where its map now points; a written row waits here for its replicas (batches that may write
     * to a cluster run on workers), and one they did not all take is answered as in doubt (TIMEOUT).
     */
    private static void finishRow(WorkerState state, ByteBuf out, int rowAt, int index) {
        if (state.route != Routing.SERVE) {
            ReplyWriter.headerOnly(out, ResultCode.PARTITION_UNAVAILABLE, index);
            return;
        }
        Replication.ReplicationWait replication = state.replication;
        if (replication == null) {
            return;
        }
        state.replication = null;
        int result = ResultCode.TIMEOUT;
        if (state.mayBlock) {
            try {
                result = replication.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (result != ResultCode.OK) {
            out.writerIndex(rowAt);
            ReplyWriter.headerOnly(out, ResultCode.TIMEOUT, index);
        }
    }

    /** Reads a full row's header, fields and ops into {@code row}; returns the position after it or -1. */
    private static int parseRow(AsMessage row, ByteBuf buffer, int position, int limit, int rowFlags) {
        int headerBytes = 1 + ((rowFlags & ROW_HAS_INFO2_INFO3) != 0 ? 2 : 0)
                + ((rowFlags & ROW_HAS_INFO4) != 0 ? 1 : 0)
                + ((rowFlags & ROW_HAS_GENERATION) != 0 ? 2 : 0) + ((rowFlags & ROW_HAS_RECORD_TTL) != 0 ? 4 : 0) + 4;
        if (limit - position < headerBytes) {
            return -1;
        }
        row.buffer = buffer;
        row.info1 = buffer.getUnsignedByte(position++);
        row.info2 = 0;
        row.info3 = 0;
        row.generation = 0;
        row.recordTtl = 0;
        if ((rowFlags & ROW_HAS_INFO2_INFO3) != 0) {
            row.info2 = buffer.getUnsignedByte(position++);
            row.info3 = buffer.getUnsignedByte(position++);
        }
        if ((rowFlags & ROW_HAS_INFO4) != 0) {
            position++;
        }
        if ((rowFlags & ROW_HAS_GENERATION) != 0) {
            row.generation = buffer.getUnsignedShort(position);
            position += 2;
        }
        if ((rowFlags & ROW_HAS_RECORD_TTL) != 0) {
            row.recordTtl = buffer.getInt(position);
            position += 4;
        }
        row.fieldCount = buffer.getUnsignedShort(position);
        row.operationCount = buffer.getUnsignedShort(position + 2);
        return row.parseFieldsAndOps(position + 4, limit);
    }
}
