package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;

/** exists: a header read (info1 READ | NOBINDATA) answered true or false. */
public final class ExistsCommand extends SingleCommand<Boolean> {

    public ExistsCommand(Policy policy, Key key) {
        super(policy, CommandKind.EXISTS, key);
    }

    @Override
    public boolean isWrite() {
        return false;
    }

    @Override
    public void write(CommandBuffer out) {
        RequestWriter.begin(out, MessageFlags.INFO1_READ | MessageFlags.INFO1_NO_BIN_DATA, 0, 0, 0, 0,
                policy().serverTimeoutMs(), RequestWriter.keyFieldCount(key, false), 0);
        RequestWriter.keyFields(out, key, false);
        RequestWriter.end(out);
    }

    @Override
    Boolean handle(ReplyParser parser) {
        return switch (parser.resultCode) {
            case ResultCode.OK -> Boolean.TRUE;
            case ResultCode.KEY_NOT_FOUND -> Boolean.FALSE;
            default -> throw failure(parser, "exists");
        };
    }
}
