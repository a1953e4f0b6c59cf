package io.terndb.server.txn;

import io.netty.buffer.ByteBuf;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.ResultCode;

/**
 * A flyweight over one AS_MSG request (or one batch row) in a Netty buffer: header values plus the positions of
 * the fields this server acts on. {@link #parseFieldsAndOps} checks every size against the message's end before
 * anything reads through it, so later code can trust the positions. Reused per worker thread.
 */
public final class AsMessage {

    public static final int ABSENT = -1;

    ByteBuf buffer;
    /** Where the message starts in {@link #buffer}. */
    int start;
    int info1;
    int info2;
    int info3;
    int generation;
    int recordTtl;
    int transactionTtl;
    int fieldCount;
    int operationCount;

    int namespaceAt;
    int namespaceLength;
    int setAt;
    int setLength;
    int keyAt;
    int keyLength;
    int digestAt;
    int batchAt;
    int batchLength;
    int partitionIdsAt;
    int partitionIdsLength;
    int digestsAt;
    int digestsLength;
    int maxRecordsAt;
    /** Fields we do not serve yet (filter expressions, UDFs, secondary-index ranges, transactions): one of them. */
    int unsupportedField;

    int operationsAt;
    int end;

    /** Reads the 22-byte header at {@code start}; returns the index after it, or -1 when malformed. */
    int parseHeader(ByteBuf buffer, int start, int end) {
        this.buffer = buffer;
        this.start = start;
        if (end - start < MessageLayout.HEADER_BYTES
                || buffer.getUnsignedByte(start + MessageLayout.HEADER_SIZE_OFFSET) != MessageLayout.HEADER_BYTES) {
            return -1;
        }
        info1 = buffer.getUnsignedByte(start + MessageLayout.INFO1_OFFSET);
        info2 = buffer.getUnsignedByte(start + MessageLayout.INFO2_OFFSET);
        info3 = buffer.getUnsignedByte(start + MessageLayout.INFO3_OFFSET);
        generation = buffer.getInt(start + MessageLayout.GENERATION_OFFSET);
        recordTtl = buffer.getInt(start + MessageLayout.RECORD_TTL_OFFSET);
        transactionTtl = buffer.getInt(start + MessageLayout.TRANSACTION_TTL_OFFSET);
        fieldCount = buffer.getUnsignedShort(start + MessageLayout.FIELD_COUNT_OFFSET);
        operationCount = buffer.getUnsignedShort(start + MessageLayout.OPERATION_COUNT_OFFSET);
        return start + MessageLayout.HEADER_BYTES;
    }

    /**
     * Walks {@link #fieldCount} fields then {@link #operationCount} operations from {@code position}, bounded by
     * {@code limit}. Returns the index after the last operation, or -1 when a size runs past {@code limit}.
     */
    int parseFieldsAndOps(int position, int limit) {
        clearFields();
        for (int i = 0; i < fieldCount; i++) {
            if (limit - position < MessageLayout.FIELD_HEADER_BYTES) {
                return -1;
            }
            long fieldBytes = buffer.getUnsignedInt(position);
            if (fieldBytes < 1 || fieldBytes > limit - position - 4) {
                return -1;
            }
            int type = buffer.getUnsignedByte(position + 4);
            noteField(type, position + MessageLayout.FIELD_HEADER_BYTES, (int) fieldBytes - 1);
            position += 4 + (int) fieldBytes;
        }
        if (operationCount > MessageLayout.OPERATIONS_MAX) {
            return -1;
        }
        operationsAt = position;
        for (int i = 0; i < operationCount; i++) {
            if (limit - position < MessageLayout.OPERATION_HEADER_BYTES) {
                return -1;
            }
            long operationBytes = buffer.getUnsignedInt(position);
            int nameLength = buffer.getUnsignedByte(position + 7);
            if (operationBytes < MessageLayout.OPERATION_SIZE_FIXED_BYTES + nameLength
                    || operationBytes > limit - position - 4) {
                return -1;
            }
            position += 4 + (int) operationBytes;
        }
        end = position;
        return position;
    }

    private void clearFields() {
        namespaceAt = ABSENT;
        setAt = ABSENT;
        keyAt = ABSENT;
        digestAt = ABSENT;
        batchAt = ABSENT;
        partitionIdsAt = ABSENT;
        digestsAt = ABSENT;
        maxRecordsAt = ABSENT;
        unsupportedField = ABSENT;
    }

    private void noteField(int type, int at, int length) {
        switch (type) {
            case FieldType.NAMESPACE -> { namespaceAt = at; namespaceLength = length; }
            case FieldType.SET -> { setAt = at; setLength = length; }
            case FieldType.KEY -> { keyAt = at; keyLength = length; }
            case FieldType.DIGEST -> digestAt = length == FieldType.DIGEST_BYTES ? at : -2;
            case FieldType.BATCH_INDEX, FieldType.BATCH_INDEX_WITH_SET -> { batchAt = at; batchLength = length; }
            case FieldType.PARTITION_ID_ARRAY -> { partitionIdsAt = at; partitionIdsLength = length; }
            case FieldType.DIGEST_ARRAY -> { digestsAt = at; digestsLength = length; }
            case FieldType.MAX_RECORDS -> maxRecordsAt = length == 8 ? at : -2;
            case FieldType.FILTER_EXPRESSION, FieldType.UDF_PACKAGE_NAME, FieldType.UDF_FUNCTION,
                 FieldType.UDF_ARGLIST, FieldType.UDF_OP, FieldType.INDEX_RANGE, FieldType.INDEX_NAME,
                 FieldType.INDEX_EXPRESSION, FieldType.TXN_ID, FieldType.RECORD_VERSION,
                 FieldType.TXN_DEADLINE -> unsupportedField = type;
            default -> {
                // Fields we have no use for (timeouts, task ids, throttles) are ignored, as the original does.
            }
        }
    }

    /** Whether the DIGEST field is present (a single-record command); a wrong-sized digest is a parameter error. */
    boolean hasDigest() {
        return digestAt != ABSENT;
    }

    /** The result code that fields alone decide, or {@link ResultCode#OK}. */
    int fieldProblem() {
        if (digestAt == -2 || maxRecordsAt == -2) {
            return ResultCode.PARAMETER_ERROR;
        }
        if (unsupportedField != ABSENT) {
            return ResultCode.UNSUPPORTED_FEATURE;
        }
        return ResultCode.OK;
    }

    // Operation accessors: an operation is addressed by the index of its size field.

    int operationType(int operation) {
        return buffer.getUnsignedByte(operation + 4);
    }

    int particleType(int operation) {
        return buffer.getUnsignedByte(operation + 5);
    }

    int nameLength(int operation) {
        return buffer.getUnsignedByte(operation + 7);
    }

    int nameAt(int operation) {
        return operation + MessageLayout.OPERATION_HEADER_BYTES;
    }

    int valueAt(int operation) {
        return nameAt(operation) + nameLength(operation);
    }

    int valueLength(int operation) {
        return (int) buffer.getUnsignedInt(operation) - MessageLayout.OPERATION_SIZE_FIXED_BYTES
                - nameLength(operation);
    }

    int nextOperation(int operation) {
        return operation + 4 + (int) buffer.getUnsignedInt(operation);
    }
}
