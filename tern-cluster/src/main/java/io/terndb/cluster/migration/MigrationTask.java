package io.terndb.cluster.migration;

/**
 * One emigration: send this node's copy of {@code pid} of {@code namespace} to {@code target}, for the rebalance of
 * {@code clusterKey}. {@code actingMaster}: this node serves the partition until the target has it all, then hands
 * it over.
 */
public record MigrationTask(String namespace, int pid, long target, long clusterKey, boolean actingMaster) {
}
