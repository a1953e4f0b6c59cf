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
 *
 * <p>A batch runs in rounds. A node answers a row of a partition it does not serve with 11 (partition unavailable:
 * the client's map is stale, as during a failover, or names a prole for a write); while the policy's
 * {@code maxRetries} allow, such rows are held back from the results (and from a view listener) and sent again in
 * the next round, at the next attempt (for {@code SEQUENCE}, the next replica), together with rows that no node held
 * when they were planned. A row answered 11 was not applied, so write rows are retried too.
 */
public final class BatchPlan {

    private final Cluster cluster;
    private final Policy policy;
    private final Key[] keys;
    private final BatchRow[] rows;
    private final BatchCommand.BatchSink delivery;
    private final Record[] records;
    private final int[] resultCodes;
    private final boolean[] writes;
    private final boolean[] inDoubt;
    /** Rows answered 11 this round and held back for the next. */
    private final boolean[] heldBack;
    private int attempt;
    private List<BatchCommand> commands;

    private BatchPlan(Cluster cluster, Policy policy, Key[] keys, BatchRow[] rows, BatchCommand.BatchSink viewSink) {
        this.cluster = cluster;
        this.policy = policy;
        this.keys = keys;
        this.rows = rows;
        this.records = new Record[keys.length];
        this.resultCodes = new int[keys.length];
        this.writes = new boolean[keys.length];
        this.inDoubt = new boolean[keys.length];
        this.heldBack = new boolean[keys.length];
        this.delivery = viewSink != null ? viewSink : this::row;
        Arrays.fill(resultCodes, ClientResultCode.SERVER_NOT_AVAILABLE);
        int[] all = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            writes[i] = rows[i].write;
            all[i] = i;
        }
        this.commands = plan(all);
    }

    /** One command per node for the rows {@code indexes}, routed at the current attempt. */
    private List<BatchCommand> plan(int[] indexes) {
        Map<Node, List<Integer>> byNode = new LinkedHashMap<>();
        for (int i : indexes) {
            Key key = keys[i];
            Node node = cluster.node(key.namespace(), key.partitionId(), policy.replica(), attempt, rows[i].write);
            if (node == null) {
                resultCodes[i] = ClientResultCode.INVALID_NODE;
                continue;
            }
            byNode.computeIfAbsent(node, ignored -> new ArrayList<>()).add(i);
        }
        List<BatchCommand> split = new ArrayList<>(byNode.size());
        for (Map.Entry<Node, List<Integer>> entry : byNode.entrySet()) {
            int[] nodeIndexes = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            split.add(new BatchCommand(policy, entry.getKey(), keys, rows, nodeIndexes, this::receive));
        }
        return List.copyOf(split);
    }

    /** Every row answered: held back when it is 11 and another round is allowed, else delivered. */
    private void receive(int index, ReplyParser parser) {
        if (parser.resultCode == ResultCode.PARTITION_UNAVAILABLE && attempt < policy.maxRetries()) {
            parser.skipOperations();
            resultCodes[index] = ResultCode.PARTITION_UNAVAILABLE;
            heldBack[index] = true;
            return;
        }
        resultCodes[index] = parser.resultCode;
        delivery.row(index, parser);
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

    /** The commands of the current round. */
    public List<BatchCommand> commands() {
        return commands;
    }

    /**
     * Call once every command of the current round has ended. Returns the next round's commands: the rows held back
     * and those no node held, planned at the next attempt; empty when there are none or no retry is left.
     */
    public List<BatchCommand> nextRound() {
        if (attempt >= policy.maxRetries()) {
            return commands = List.of();
        }
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (heldBack[i] || resultCodes[i] == ClientResultCode.INVALID_NODE) {
                heldBack[i] = false;
                resultCodes[i] = ClientResultCode.SERVER_NOT_AVAILABLE;
                again.add(i);
            }
        }
        if (again.isEmpty()) {
            return commands = List.of();
        }
        attempt++;
        return commands = plan(again.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The pause before the next round: the policy's back-off, doubled at each retry (0 = none). */
    public long backoffNs() {
        return policy.retryBackoffNs() == 0 ? 0 : policy.retryBackoffNs() << Math.min(attempt - 1, 16);
    }

    /**
     * For reads that return records or existence: throws if a row has no answer because its partition was
     * unavailable (answered 11 on the last attempt, or no node held it), rather than reporting that record as
     * missing.
     */
    public void requireAnswers() {
        for (int i = 0; i < keys.length; i++) {
            if (resultCodes[i] == ResultCode.PARTITION_UNAVAILABLE || resultCodes[i] == ClientResultCode.INVALID_NODE) {
                throw new io.terndb.client.TernException(resultCodes[i], "batch row " + i + " (" + keys[i]
                        + "): partition " + keys[i].partitionId() + " unavailable after " + (attempt + 1)
                        + " attempt(s)", null, false);
            }
        }
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
