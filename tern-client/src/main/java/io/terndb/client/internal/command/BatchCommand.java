package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.ResultCode;
import java.util.Objects;

/**
 * The rows of one batch that live on one node, sent as one batch-index request (field 41, reference §8.1) and
 * answered by one record per row, carrying the row's index, then a LAST record (§8.2).
 */
public final class BatchCommand extends Command<Void> {

    /** allow inline (0x01), respond-all-keys (0x04), report errors per record (0x08): the original's 0x0D. */
    static final int BATCH_FLAGS = 0x0D;

    private final Node node;
    private final Key[] keys;
    private final BatchRow[] rows;
    private final int[] indexes;
    private final BatchSink sink;
    private final boolean write;

    BatchCommand(Policy policy, Node node, Key[] keys, BatchRow[] rows, int[] indexes, BatchSink sink) {
        super(policy, CommandKind.BATCH);
        this.node = node;
        this.keys = keys;
        this.rows = rows;
        this.indexes = indexes;
        this.sink = sink;
        boolean anyWrite = false;
        for (int index : indexes) {
            anyWrite |= rows[index].write;
        }
        this.write = anyWrite;
    }

    @Override
    public boolean isWrite() {
        return write;
    }

    @Override
    public Node node(Cluster cluster, int attempt) {
        return stillActive(node);
    }

    public int[] indexes() {
        return indexes;
    }

    @Override
    public void write(CommandBuffer out) {
        RequestWriter.begin(out, MessageFlags.INFO1_BATCH, 0, 0, 0, 0, policy().serverTimeoutMs(), 1, 0);
        int sizeAt = out.position();
        out.writeInt(0);
        out.writeByte(FieldType.BATCH_INDEX);
        out.writeInt(indexes.length);
        out.writeByte(BATCH_FLAGS);
        Key previousKey = null;
        BatchRow previousRow = null;
        for (int index : indexes) {
            Key key = keys[index];
            BatchRow row = rows[index];
            boolean repeat = row == previousRow && !row.sendKey && key.namespace().equals(previousKey.namespace())
                    && Objects.equals(key.set(), previousKey.set());
            row.write(out, index, key, repeat);
            previousKey = key;
            previousRow = row;
        }
        out.putInt(sizeAt, out.position() - sizeAt - 4);
        RequestWriter.end(out);
    }

    @Override
    public boolean parse(ReplyParser parser, byte[] data, int offset, int length) {
        parser.reset(data, offset, length);
        while (parser.hasMore()) {
            parser.next();
            if ((parser.info3 & MessageFlags.INFO3_LAST) != 0) {
                if (parser.resultCode != ResultCode.OK) {
                    throw new ServerResultException(parser.resultCode, "batch failed: "
                            + SingleCommand.describe(parser.resultCode));
                }
                return true;
            }
            int index = parser.transactionTtl;
            if (index < 0 || index >= keys.length) {
                throw new io.terndb.client.internal.codec.ParseException("batch row index " + index + " of "
                        + keys.length);
            }
            parser.skipFields();
            sink.row(index, parser);
        }
        return false;
    }

    @Override
    public Void result() {
        return null;
    }

    /**
     * Where a batch's rows land: one call per row answered, from the thread reading the reply, with the parser
     * at the row's ops (its header fields set), which the sink must read or skip.
     */
    public interface BatchSink {
        void row(int index, ReplyParser parser);
    }
}
