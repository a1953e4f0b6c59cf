package io.terndb.client.internal.command;

import io.terndb.client.Bin;
import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.ResultCode;

/** put / add / append / prepend: one op of {@code operationType} per bin (reference §3.5). */
public final class WriteCommand extends SingleCommand<Void> {

    private final WritePolicy writePolicy;
    private final Bin[] bins;
    private final int operationType;

    public WriteCommand(WritePolicy writePolicy, Key key, Bin[] bins, int operationType) {
        super(writePolicy.policy(), CommandKind.PUT, key);
        if (bins.length == 0) {
            throw new IllegalArgumentException("bins=[] (a write needs at least one bin)");
        }
        this.writePolicy = writePolicy;
        this.bins = bins;
        this.operationType = operationType;
    }

    @Override
    public boolean isWrite() {
        return true;
    }

    @Override
    public void write(CommandBuffer out) {
        boolean sendKey = writePolicy.sendKey();
        RequestWriter.begin(out, 0, WriteFlags.info2(writePolicy), WriteFlags.info3(writePolicy),
                WriteFlags.generation(writePolicy), writePolicy.ttlSeconds(), policy().serverTimeoutMs(),
                RequestWriter.keyFieldCount(key, sendKey), bins.length);
        RequestWriter.keyFields(out, key, sendKey);
        for (Bin bin : bins) {
            RequestWriter.operation(out, operationType, bin.name(), bin.value());
        }
        RequestWriter.end(out);
    }

    @Override
    Void handle(ReplyParser parser) {
        if (parser.resultCode != ResultCode.OK) {
            throw failure(parser, "write");
        }
        return null;
    }
}
