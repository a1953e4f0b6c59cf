package io.terndb.server.config;

import java.util.List;

/**
 * One {@code namespace NAME { ... }} stanza.
 *
 * @param name                 1..31 bytes
 * @param replicationFactor    {@code replication-factor} (1..256; a single node serves one copy)
 * @param defaultTtlSeconds    {@code default-ttl}; 0 = never expire
 * @param nsupPeriodSeconds    {@code nsup-period}; 0 = no supervisor, and then writes with a TTL are refused
 *                             unless {@code allowTtlWithoutNsup}
 * @param allowTtlWithoutNsup  {@code allow-ttl-without-nsup}
 * @param maxRecordBytes       {@code max-record-size}; default 1 MiB, at most 8 MiB
 * @param storage              the {@code storage-engine} stanza
 * @param sets                 {@code set NAME { ... }} sub-stanzas
 * @param distribution         how the namespace spreads over a cluster
 */
public record NamespaceConfig(
        String name,
        int replicationFactor,
        long defaultTtlSeconds,
        long nsupPeriodSeconds,
        boolean allowTtlWithoutNsup,
        int maxRecordBytes,
        StorageConfig storage,
        List<SetConfig> sets,
        Distribution distribution) {

    public static final int NAME_BYTES_MAX = 31;
    public static final int REPLICATION_FACTOR_DEFAULT = 2;
    public static final int MAX_RECORD_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_RECORD_BYTES_LIMIT = 8 * 1024 * 1024;
    /** The most a TTL may be: ten years, as the original. */
    public static final long TTL_SECONDS_MAX = 315_360_000L;

    public NamespaceConfig {
        sets = List.copyOf(sets);
        java.util.Objects.requireNonNull(distribution, "distribution");
    }

    public NamespaceConfig(String name, int replicationFactor, long defaultTtlSeconds, long nsupPeriodSeconds,
            boolean allowTtlWithoutNsup, int maxRecordBytes, StorageConfig storage, List<SetConfig> sets) {
        this(name, replicationFactor, defaultTtlSeconds, nsupPeriodSeconds, allowTtlWithoutNsup, maxRecordBytes,
                storage, sets, Distribution.DEFAULT);
    }

    /** What a client's commit level may be forced to: wait for every replica, or the master alone. */
    public enum CommitLevel { ALL, MASTER, CLIENT }

    /**
     * The namespace's place in a cluster.
     *
     * @param rackId               {@code rack-id}: replicas of a partition go to different racks when possible
     * @param preferUniformBalance {@code prefer-uniform-balance}: even out each node's share of masters
     * @param conflictResolution   {@code conflict-resolution-policy}: which copy wins a migration or a duplicate
     *                             resolution
     * @param writeCommitLevel     {@code write-commit-level-override}: CLIENT (off) lets each write's policy decide
     * @param readDuplicates       {@code read-consistency-level-override all}: reads resolve duplicates during
     *                             migrations even if the client asked for one copy; null = the client decides
     */
    public record Distribution(int rackId, boolean preferUniformBalance,
            io.terndb.protocol.RecordVersion conflictResolution, CommitLevel writeCommitLevel,
            Boolean readDuplicates) {
        public static final Distribution DEFAULT = new Distribution(0, false,
                io.terndb.protocol.RecordVersion.GENERATION, CommitLevel.CLIENT, null);
    }

    /**
     * {@code set NAME { default-ttl ... }}: per-set overrides. {@code defaultTtlSeconds} -1 = not set (the file's
     * {@code default-ttl 0}: as the namespace), 0 = never expire (the file's {@code default-ttl -1}), else seconds.
     */
    public record SetConfig(String name, long defaultTtlSeconds) {
    }
}
