package io.terndb.cluster;

import java.util.Arrays;

/**
 * One agreed cluster: its key (new for every view, never 0) and its succession list, node ids in descending order,
 * so the principal (the highest id) comes first. Immutable.
 */
public final class ClusterView {

    private final long clusterKey;
    private final long[] succession;

    public ClusterView(long clusterKey, long[] members) {
        if (clusterKey == 0) {
            throw new IllegalArgumentException("clusterKey=0");
        }
        if (members.length == 0) {
            throw new IllegalArgumentException("a view has at least one member");
        }
        this.clusterKey = clusterKey;
        this.succession = NodeIds.descending(members);
    }

    public long clusterKey() {
        return clusterKey;
    }

    /** The members, highest id first. A copy. */
    public long[] succession() {
        return succession.clone();
    }

    public int size() {
        return succession.length;
    }

    public long member(int index) {
        return succession[index];
    }

    public long principal() {
        return succession[0];
    }

    public boolean contains(long nodeId) {
        return NodeIds.contains(succession, nodeId);
    }

    /** Whether {@code members} (any order) are exactly this view's members. */
    public boolean hasMembers(long[] members) {
        return Arrays.equals(succession, NodeIds.descending(members));
    }

    @Override
    public String toString() {
        return NodeIds.format(clusterKey) + " " + NodeIds.format(succession);
    }
}
