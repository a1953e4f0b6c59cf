package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.Record;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.ResultCode;

/**
 * operate (and touch, which is operate with one TOUCH op): several ops on one record in one round trip. Flags come
 * from the ops (reference §3.5). Returns the read results; a read-only operate on a missing record returns null.
 */
public final class OperateCommand extends SingleCommand<Record> {

    private final WritePolicy writePolicy;
    private final Operation[] operations;
    private final OperationFlags flags;

    public OperateCommand(WritePolicy writePolicy, Key key, Operation[] operations, CommandKind kind) {
        super(writePolicy.policy(), kind, key);
        this.writePolicy = writePolicy;
        this.operations = operations;
        this.flags = OperationFlags.of(operations, writePolicy);
    }

    @Override
    public boolean isWrite() {
        return flags.hasWrite();
    }

    @Override
    public void write(CommandBuffer out) {
        boolean sendKey = flags.hasWrite() && writePolicy.sendKey();
        RequestWriter.begin(out, flags.info1(), flags.info2(), flags.info3(), flags.generation(), flags.recordTtl(),
                policy().serverTimeoutMs(), RequestWriter.keyFieldCount(key, sendKey), operations.length);
        RequestWriter.keyFields(out, key, sendKey);
        OperationFlags.writeOperations(out, operations);
        RequestWriter.end(out);
    }

    @Override
    Record handle(ReplyParser parser) {
        if (parser.resultCode == ResultCode.OK) {
            return new Record(parser.readBins(), parser.generation, parser.voidTime);
        }
        if (parser.resultCode == ResultCode.KEY_NOT_FOUND && !flags.hasWrite()) {
            return null;
        }
        throw failure(parser, kind() == CommandKind.TOUCH ? "touch" : "operate");
    }
}
