package io.terndb.cluster;

import io.terndb.cluster.data.PartitionData;
import io.terndb.protocol.RecordVersion;

/**
 * One namespace as this node's distribution layer serves it.
 *
 * @param replicationFactor    {@code replication-factor} as configured (the effective one is at most the cluster
 *                             size, and the smallest any member configured)
 * @param rackId               {@code rack-id}
 * @param preferUniformBalance {@code prefer-uniform-balance}
 * @param conflictResolution   {@code conflict-resolution-policy}, for migrations and duplicate resolution
 * @param data                 its records
 */
public record ClusterNamespace(String name, int replicationFactor, int rackId, boolean preferUniformBalance,
        RecordVersion conflictResolution, PartitionData data) {

    public ClusterNamespace {
        if (name.isEmpty() || name.length() > 31) {
            throw new IllegalArgumentException("name=" + name);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replicationFactor=" + replicationFactor);
        }
    }
}
