package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;

/** delete: info2 WRITE | DELETE, no ops; true if the record existed. */
public final class DeleteCommand extends SingleCommand<Boolean> {

    private final WritePolicy writePolicy;

    public DeleteCommand(WritePolicy writePolicy, Key key) {
        super(writePolicy.policy(), CommandKind.DELETE, key);
        this.writePolicy = writePolicy;
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public void write(CommandBuffer out) {
        RequestWriter.begin(out, 0, WriteFlags.info2(writePolicy) | MessageFlags.INFO2_DELETE,
                WriteFlags.info3(writePolicy), WriteFlags.generation(writePolicy), 0, policy().serverTimeoutMs(),
                RequestWriter.keyFieldCount(key, false), 0);
        RequestWriter.keyFields(out, key, false);
        RequestWriter.end(out);
    }

    @Override
    Boolean handle(ReplyParser parser) {
        return switch (parser.resultCode) {
            case ResultCode.OK -> Boolean.TRUE;
            case ResultCode.KEY_NOT_FOUND -> Boolean.FALSE;
            default -> throw failure(parser, "delete");
        };
    }
}
