package io.terndb.cluster.message;

import io.terndb.protocol.PartitionId;

/**
 * One node's view of one namespace for the exchange: its configured replication factor, rack id and balance
 * preference, and its version of each of the 4096 partitions ({@code PartitionVersion}: a key and flags).
 */
public record NamespaceVersions(String name, int replicationFactor, int rackId, boolean preferUniformBalance,
        long[] versionKeys, byte[] versionFlags) {

    public NamespaceVersions {
        if (versionKeys.length != PartitionId.COUNT || versionFlags.length != PartitionId.COUNT) {
            throw new IllegalArgumentException("versions for " + versionKeys.length + " partitions");
        }
    }
}
