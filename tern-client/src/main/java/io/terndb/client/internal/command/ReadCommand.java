package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.Value;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ResultCode;

/** get: all bins, named bins, or the header only (reference §3.5). A missing record reads as null. */
public final class ReadCommand extends SingleCommand<Record> {

    private final String[] binNames;
    private final boolean headerOnly;

    public ReadCommand(Policy policy, Key key, String[] binNames, boolean headerOnly) {
        super(policy, CommandKind.GET, key);
        this.binNames = binNames == null || binNames.length == 0 ? null : binNames;
        this.headerOnly = headerOnly;
    }

    @Override
    public boolean isWrite() {
        return false;
    }

    @Override
    public void write(CommandBuffer out) {
        int info1 = MessageFlags.INFO1_READ | (headerOnly ? MessageFlags.INFO1_NO_BIN_DATA
                : binNames == null ? MessageFlags.INFO1_GET_ALL : 0);
        int operations = headerOnly || binNames == null ? 0 : binNames.length;
        RequestWriter.begin(out, info1, 0, 0, 0, 0, policy().serverTimeoutMs(), RequestWriter.keyFieldCount(key, false),
                operations);
        RequestWriter.keyFields(out, key, false);
        for (int i = 0; i < operations; i++) {
            RequestWriter.operation(out, OperationType.READ, binNames[i], Value.ofNull());
        }
        RequestWriter.end(out);
    }

    @Override
    Record handle(ReplyParser parser) {
        return switch (parser.resultCode) {
            case ResultCode.OK -> new Record(headerOnly ? null : parser.readBins(), parser.generation,
                    parser.voidTime);
            case ResultCode.KEY_NOT_FOUND -> null;
            default -> throw failure(parser, "get");
        };
    }
}
