package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Record;
import io.terndb.client.ScanListener;
import io.terndb.client.ScanPolicy;
import io.terndb.client.Value;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.codec.RequestWriter;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The partitions of one scan that one node holds (reference §8.3): fresh partitions in PID_ARRAY, resumed ones in
 * DIGEST_ARRAY, a MAX_RECORDS quota when paging. The reply streams records, partition-done markers (a non-zero
 * code means "retry this partition elsewhere") and a LAST record.
 */
public final class ScanCommand extends Command<Void> {

    private final Node node;
    private final ScanPolicy scanPolicy;
    private final String namespace;
    private final String set;
    private final String[] binNames;
    private final int[] partitionIds;
    private final long maxRecords;
    private final PartitionCursor cursor;
    private final ScanListener listener;
    private final long taskId;
    private final boolean[] unavailable = new boolean[PartitionId.COUNT];
    private long returned;
    private final FieldReader fields = new FieldReader();

    ScanCommand(ScanPolicy scanPolicy, Node node, String namespace, String set, String[] binNames,
            int[] partitionIds, long maxRecords, PartitionCursor cursor, ScanListener listener, long taskId) {
        super(scanPolicy.policy(), CommandKind.SCAN);
        this.node = node;
        this.scanPolicy = scanPolicy;
        this.namespace = namespace;
        this.set = set;
        this.binNames = binNames == null ? new String[0] : binNames;
        this.partitionIds = partitionIds;
        this.maxRecords = maxRecords;
        this.cursor = cursor;
        this.listener = listener;
        this.taskId = taskId;
    }

    @Override
    public boolean isWrite() {
        return false;
    }

    @Override
    public Node node(Cluster cluster, int attempt) {
        return stillActive(node);
    }

    @Override
    public void prepareAttempt() {
        Arrays.fill(unavailable, false);
        returned = 0;
    }

    @Override
    public void write(CommandBuffer out) {
        int fresh = 0;
        for (int id : partitionIds) {
            fresh += cursor.lastDigest(id) == null ? 1 : 0;
        }
        int resumed = partitionIds.length - fresh;
        int fieldCount = 3 + (set != null ? 1 : 0) + (fresh > 0 ? 1 : 0) + (resumed > 0 ? 1 : 0)
                + (maxRecords > 0 ? 1 : 0);
        int info1 = MessageFlags.INFO1_READ | (scanPolicy.includeBinData() ? 0 : MessageFlags.INFO1_NO_BIN_DATA);
        int totalMs = (int) Math.min(Integer.MAX_VALUE, policy().totalTimeoutNs() / 1_000_000);
        RequestWriter.begin(out, info1, 0, MessageFlags.INFO3_PARTITION_DONE, 0, 0, totalMs, fieldCount,
                binNames.length);
        RequestWriter.stringField(out, FieldType.NAMESPACE, namespace);
        if (set != null) {
            RequestWriter.stringField(out, FieldType.SET, set);
        }
        writePartitions(out, fresh, resumed);
        if (maxRecords > 0) {
            RequestWriter.longField(out, FieldType.MAX_RECORDS, maxRecords);
        }
        int socketMs = (int) Math.min(Integer.MAX_VALUE, policy().socketTimeoutNs() / 1_000_000);
        RequestWriter.intField(out, FieldType.SOCKET_TIMEOUT, socketMs);
        RequestWriter.longField(out, FieldType.QUERY_ID, taskId);
        for (String name : binNames) {
            RequestWriter.operation(out, OperationType.READ, name, Value.ofNull());
        }
        RequestWriter.end(out);
    }

    private void writePartitions(CommandBuffer out, int fresh, int resumed) {
        if (fresh > 0) {
            out.writeInt(1 + fresh * 2);
            out.writeByte(FieldType.PARTITION_ID_ARRAY);
            for (int id : partitionIds) {
                if (cursor.lastDigest(id) == null) {
                    out.writeByte(id & 0xFF); // u16 little-endian
                    out.writeByte(id >>> 8);
                }
            }
        }
        if (resumed > 0) {
            out.writeInt(1 + resumed * FieldType.DIGEST_BYTES);
            out.writeByte(FieldType.DIGEST_ARRAY);
            for (int id : partitionIds) {
                byte[] digest = cursor.lastDigest(id);
                if (digest != null) {
                    out.writeBytes(digest);
                }
            }
        }
    }

    @Override
    public boolean parse(ReplyParser parser, byte[] data, int offset, int length) {
        parser.reset(data, offset, length);
        while (parser.hasMore()) {
            parser.next();
            if ((parser.info3 & MessageFlags.INFO3_LAST) != 0) {
                if (parser.resultCode != ResultCode.OK) {
                    throw new ServerResultException(parser.resultCode, "scan failed: "
                            + SingleCommand.describe(parser.resultCode));
                }
                finish();
                return true;
            }
            if ((parser.info3 & MessageFlags.INFO3_PARTITION_DONE) != 0) {
                if (parser.resultCode != ResultCode.OK && cursor.contains(parser.generation)) {
                    unavailable[parser.generation] = true;
                }
                continue;
            }
            if (parser.resultCode != ResultCode.OK) {
                throw new ServerResultException(parser.resultCode, "scan record failed: "
                        + SingleCommand.describe(parser.resultCode));
            }
            deliver(parser);
        }
        return false;
    }

    private void deliver(ReplyParser parser) {
        fields.clear();
        parser.readFields(fields);
        Map<String, Object> bins = parser.readBins();
        if (fields.digest == null) {
            throw new io.terndb.client.internal.codec.ParseException("scan record without a digest");
        }
        Key key = Key.ofDigest(namespace, fields.set, fields.digest, fields.userKey);
        int partitionId = key.partitionId();
        if (cursor.contains(partitionId)) {
            cursor.recordRead(partitionId, key.digest());
        }
        returned++;
        listener.onRecord(key, new Record(bins, parser.generation, parser.voidTime));
    }

    /** A node that filled its quota may have more: its partitions stay open, to resume from their last digests. */
    private void finish() {
        boolean quotaReached = maxRecords > 0 && returned >= maxRecords;
        for (int id : partitionIds) {
            if (!unavailable[id] && !quotaReached) {
                cursor.markDone(id);
            }
        }
    }

    @Override
    public Void result() {
        return null;
    }

    /** Collects the key fields of a scanned record. */
    private static final class FieldReader implements ReplyParser.FieldVisitor {
        byte[] digest;
        String set;
        Value userKey;

        void clear() {
            digest = null;
            set = null;
            userKey = null;
        }

        @Override
        public void field(int type, byte[] data, int offset, int length) {
            switch (type) {
                case FieldType.DIGEST -> digest = Arrays.copyOfRange(data, offset, offset + length);
                case FieldType.SET -> set = new String(data, offset, length, StandardCharsets.UTF_8);
                case FieldType.KEY -> userKey = length < 1 ? null
                        : Value.ofObject(ReplyParser.value(data[offset] & 0xFF, data, offset + 1, length - 1));
                default -> {
                }
            }
        }
    }
}
