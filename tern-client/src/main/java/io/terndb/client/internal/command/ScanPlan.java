package io.terndb.client.internal.command;

import io.terndb.client.ClientResultCode;
import io.terndb.client.PartitionFilter;
import io.terndb.client.ScanListener;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernException;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One round of a partition scan: the filter's unfinished partitions grouped by the node that holds them for this
 * attempt, one {@link ScanCommand} per node, a {@code maxRecords} page split evenly among them.
 */
public final class ScanPlan {

    private ScanPlan() {
    }

    /**
     * @throws TernException INVALID_NODE if no node holds any unfinished partition
     */
    public static List<ScanCommand> round(Cluster cluster, ScanPolicy policy, PartitionFilter filter,
            String namespace, String set, String[] binNames, ScanListener listener, int attempt) {
        PartitionCursor cursor = filter.cursor();
        Map<Node, List<Integer>> byNode = new LinkedHashMap<>();
        for (int partitionId : cursor.pending()) {
            Node node = cluster.node(namespace, partitionId, policy.policy().replica(), attempt, false);
            if (node != null) {
                byNode.computeIfAbsent(node, ignored -> new ArrayList<>()).add(partitionId);
            }
        }
        if (byNode.isEmpty()) {
            throw new TernException(ClientResultCode.INVALID_NODE, "no active node holds the partitions of namespace "
                    + namespace, null, false);
        }
        long perNode = policy.maxRecords() == 0 ? 0
                : Math.max(1, (policy.maxRecords() + byNode.size() - 1) / byNode.size());
        long taskId = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        List<ScanCommand> commands = new ArrayList<>(byNode.size());
        for (Map.Entry<Node, List<Integer>> entry : byNode.entrySet()) {
            int[] ids = entry.getValue().stream().mapToInt(Integer::intValue).toArray();
            commands.add(new ScanCommand(policy, entry.getKey(), namespace, set, binNames, ids, perNode, cursor,
                    listener, taskId));
        }
        return commands;
    }
}
