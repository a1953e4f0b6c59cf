package io.terndb.client.internal.command;

import io.terndb.client.BatchOperation;
import io.terndb.client.BatchRecordListener;
import io.terndb.client.BatchResult;
import io.terndb.client.ClientResultCode;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.protocol.ResultCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch split by node: one {@link BatchCommand} per node holding any of its keys, all writing into shared result
 * arrays (each row has its own slot, so the commands never touch the same element).
 */
public final class BatchPlan {

    private final Key[] keys;
    private final List<BatchCommand> commands;
    private final Record[] records;
    private final int[] resultCodes;
    private final boolean[] writes;
    private final boolean[] inDoubt;

    private BatchPlan(Cluster cluster, Policy policy, Key[] keys, BatchRow[] rows, BatchCommand.BatchSink viewSink) {
        this.keys = keys;
        this.records = new Record[keys.length];
        this.resultCodes = new int[keys.length];
        this.writes = new boolean[keys.length];
        this.inDoubt = new boolean[keys.length];
        Arrays.fill(resultCodes, ClientResultCode.SERVER_NOT_AVAILABLE);
        Map<Node, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            writes[i] = rows[i].write;
            Key key = keys[i];
            Node node = cluster.node(key.namespace(), key.partitionId(), policy.replica(), 0, rows[i].write);
            if (node == null) {
                resultCodes[i] = ClientResultCode.INVALID_NODE;
                continue;
            }
            byNode.computeIfAbsent(node, ignored -> new ArrayList<>()).add(i);
        }
        List<BatchCommand> split = new ArrayList<>(byNode.size());
        BatchCommand.BatchSink sink = viewSink != null ? viewSink : this::row;
        for (Map.Entry<Node, List<Integer>> entry : byNode.entrySet()) {
            int[] indexes = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            split.add(new BatchCommand(policy, entry.getKey(), keys, rows, indexes, sink));
        }
        this.commands = List.copyOf(split);
    }

    /** Reads of every key: all bins, the named bins, or headers only. */
    public static BatchPlan read(Cluster cluster, Policy policy, Key[] keys, String[] binNames, boolean headerOnly) {
        BatchRow[] rows = new BatchRow[keys.length];
        Arrays.fill(rows, BatchRow.read(binNames, headerOnly));
        return new BatchPlan(cluster, policy, keys, rows, null);
    }

    /**
     * Reads of every key whose rows go to {@code listener} as views over the reply, as they are parsed; this plan
     * keeps no records.
     */
    public static BatchPlan readViews(Cluster cluster, Policy policy, Key[] keys, String[] binNames,
            BatchRecordListener listener) {
        BatchRow[] rows = new BatchRow[keys.length];
        Arrays.fill(rows, BatchRow.read(binNames, false));
        BatchCommand.BatchSink sink = (index, parser) -> listener.record(index, parser.resultCode,
                parser.readViews());
        return new BatchPlan(cluster, policy, keys, rows, sink);
    }

    public static BatchPlan operate(Cluster cluster, Policy policy, List<BatchOperation> operations,
            WritePolicy defaultWritePolicy) {
        Key[] keys = new Key[operations.size()];
        BatchRow[] rows = new BatchRow[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = operations.get(i).key();
            rows[i] = BatchRow.of(operations.get(i), defaultWritePolicy);
        }
        return new BatchPlan(cluster, policy, keys, rows, null);
    }

    private void row(int index, ReplyParser parser) {
        int resultCode = parser.resultCode;
        Map<String, Object> bins = parser.readBins();
        resultCodes[index] = resultCode;
        records[index] = resultCode == ResultCode.OK ? new Record(bins, parser.generation, parser.voidTime) : null;
    }

    public List<BatchCommand> commands() {
        return commands;
    }

    /**
     * Marks the rows of a failed node command with its code (rows it answered before failing keep theirs); its
     * unanswered write rows are in doubt when {@code inDoubt}.
     */
    public void failed(BatchCommand command, int resultCode, boolean commandInDoubt) {
        for (int index : command.indexes()) {
            if (resultCodes[index] == ClientResultCode.SERVER_NOT_AVAILABLE) {
                resultCodes[index] = resultCode;
                inDoubt[index] = commandInDoubt && writes[index];
            }
        }
    }

    public Record[] records() {
        return records;
    }

    public boolean[] exists() {
        boolean[] exists = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            exists[i] = resultCodes[i] == ResultCode.OK;
        }
        return exists;
    }

    /** Per row: its code, its record, and whether a write row is in doubt (its node failed after sending). */
    public List<BatchResult> results() {
        List<BatchResult> results = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            results.add(new BatchResult(keys[i], resultCodes[i], records[i], inDoubt[i]));
        }
        return results;
    }

    public int size() {
        return keys.length;
    }
}
