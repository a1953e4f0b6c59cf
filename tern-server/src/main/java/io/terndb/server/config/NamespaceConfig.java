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
 */
public record NamespaceConfig(
        String name,
        int replicationFactor,
        long defaultTtlSeconds,
        long nsupPeriodSeconds,
        boolean allowTtlWithoutNsup,
        int maxRecordBytes,
        StorageConfig storage,
        List<SetConfig> sets) {

    public static final int NAME_BYTES_MAX = 31;
    public static final int REPLICATION_FACTOR_DEFAULT = 2;
    public static final int MAX_RECORD_BYTES_DEFAULT = 1024 * 1024;
    public static final int MAX_RECORD_BYTES_LIMIT = 8 * 1024 * 1024;
    /** The most a TTL may be: ten years, as the original. */
    public static final long TTL_SECONDS_MAX = 315_360_000L;

    public NamespaceConfig {
        sets = List.copyOf(sets);
    }

    /**
     * {@code set NAME { default-ttl ... }}: per-set overrides. {@code defaultTtlSeconds} -1 = not set (the file's
     * {@code default-ttl 0}: as the namespace), 0 = never expire (the file's {@code default-ttl -1}), else seconds.
     */
    public record SetConfig(String name, long defaultTtlSeconds) {
    }
}
