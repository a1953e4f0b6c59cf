package io.terndb.client.internal.command;

import io.terndb.client.BatchOperation;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.Value;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;

/**
 * What one batch row asks (reference §8.1): header values and ops. Rows built from the same template object on
 * the same namespace and set are sent as REPEAT rows (row flag 0x01), so a batch get of many keys costs 25 bytes
 * per key after the first.
 */
final class BatchRow {

    static final int ROW_REPEAT = 0x01;
    /** info2+info3 (0x02), generation (0x04) and record TTL (0x08) follow. */
    static final int ROW_FULL = 0x0E;

    final int info1;
    final int info2;
    final int info3;
    final int generation;
    final int recordTtl;
    final boolean sendKey;
    final boolean write;
    private final Operation[] operations;
    private final String[] binNames;

    private BatchRow(int info1, int info2, int info3, int generation, int recordTtl, boolean sendKey,
            boolean write, Operation[] operations, String[] binNames) {
        this.info1 = info1;
        this.info2 = info2;
        this.info3 = info3;
        this.generation = generation;
        this.recordTtl = recordTtl;
        this.sendKey = sendKey;
        this.write = write;
        this.operations = operations;
        this.binNames = binNames;
    }

    /** Reads of all bins ({@code binNames} null), of named bins, or of headers only. */
    static BatchRow read(String[] binNames, boolean headerOnly) {
        String[] names = headerOnly || binNames == null || binNames.length == 0 ? null : binNames;
        int info1 = MessageFlags.INFO1_READ | (headerOnly ? MessageFlags.INFO1_NO_BIN_DATA
                : names == null ? MessageFlags.INFO1_GET_ALL : 0);
        return new BatchRow(info1, 0, 0, 0, 0, false, false, null, names);
    }

    static BatchRow of(BatchOperation operation, WritePolicy defaultPolicy) {
        WritePolicy policy = operation.writePolicy() != null ? operation.writePolicy() : defaultPolicy;
        if (operation.delete()) {
            return new BatchRow(0, WriteFlags.info2(policy) | MessageFlags.INFO2_DELETE, WriteFlags.info3(policy),
                    WriteFlags.generation(policy), 0, policy.sendKey(), true, new Operation[0], null);
        }
        Operation[] operations = operation.operations().toArray(new Operation[0]);
        OperationFlags flags = OperationFlags.of(operations, policy);
        return new BatchRow(flags.info1(), flags.info2(), flags.info3(), flags.generation(), flags.recordTtl(),
                flags.hasWrite() && policy.sendKey(), flags.hasWrite(), operations, null);
    }

    /** Writes the row for {@code key} at batch index {@code index}; a repeat when {@code repeat}. */
    void write(CommandBuffer out, int index, Key key, boolean repeat) {
        out.writeInt(index);
        out.writeBytes(key.digest());
        if (repeat) {
            out.writeByte(ROW_REPEAT);
            return;
        }
        out.writeByte(ROW_FULL);
        out.writeByte(info1);
        out.writeByte(info2);
        out.writeByte(info3);
        out.writeShort(generation);
        out.writeInt(recordTtl);
        out.writeShort(RequestWriter.keyFieldCount(key, sendKey) - 1); // no DIGEST field in a row
        int operationCount = operations != null ? operations.length : binNames != null ? binNames.length : 0;
        out.writeShort(operationCount);
        RequestWriter.stringField(out, FieldType.NAMESPACE, key.namespace());
        if (key.set() != null) {
            RequestWriter.stringField(out, FieldType.SET, key.set());
        }
        if (sendKey && key.userKey() != null) {
            writeKeyField(out, key);
        }
        if (operations != null) {
            OperationFlags.writeOperations(out, operations);
        } else if (binNames != null) {
            for (String name : binNames) {
                RequestWriter.operation(out, OperationType.READ, name, Value.ofNull());
            }
        }
    }

    private static void writeKeyField(CommandBuffer out, Key key) {
        int sizeAt = out.position();
        out.writeInt(0);
        out.writeByte(FieldType.KEY);
        out.writeByte(key.userKey().particleType());
        RequestWriter.writeValue(out, key.userKey());
        out.putInt(sizeAt, out.position() - sizeAt - 4);
    }
}
