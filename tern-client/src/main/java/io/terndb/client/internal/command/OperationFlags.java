package io.terndb.client.internal.command;

import io.terndb.client.Operation;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.MessageFlags;

/**
 * The header values an operate request (or batch row) gets from its ops (reference §3.5): READ if any op reads,
 * GET_ALL for a read-all op, NOBINDATA for a header read without bin reads; WRITE and the write policy's flags,
 * generation and TTL if any op writes.
 */
record OperationFlags(int info1, int info2, int info3, int generation, int recordTtl, boolean hasWrite) {

    static OperationFlags of(Operation[] operations, WritePolicy policy) {
        if (operations.length == 0) {
            throw new IllegalArgumentException("operations=[] (operate needs at least one)");
        }
        boolean read = false;
        boolean readAll = false;
        boolean readBin = false;
        boolean write = false;
        for (Operation operation : operations) {
            switch (operation.kind()) {
                case READ -> readBin = true;
                case READ_ALL -> readAll = true;
                case READ_HEADER -> read = true;
                default -> write = true;
            }
        }
        read |= readAll || readBin;
        int info1 = (read ? MessageFlags.INFO1_READ : 0) | (readAll ? MessageFlags.INFO1_GET_ALL : 0)
                | (read && !readAll && !readBin ? MessageFlags.INFO1_NO_BIN_DATA : 0);
        if (!write) {
            return new OperationFlags(info1, 0, 0, 0, 0, false);
        }
        return new OperationFlags(info1, WriteFlags.info2(policy), WriteFlags.info3(policy),
                WriteFlags.generation(policy), policy.ttlSeconds(), true);
    }

    static void writeOperations(CommandBuffer out, Operation[] operations) {
        for (Operation operation : operations) {
            RequestWriter.operation(out, operation.kind().wireType(), operation.binName(), operation.value());
        }
    }
}
