package io.terndb.server.config;

/**
 * Limits and defaults of configuration values that the records do not already name, in one place. Values are those
 * of the Aerospike 8.x server unless a comment says otherwise.
 */
public final class ConfigLimits {

    private static final long MIB = 1024L * 1024;

    /** {@code cluster-name}: the original keeps it in 64 bytes with the terminating zero. */
    public static final int CLUSTER_NAME_BYTES_MAX = 63;
    /** The most nodes of one cluster, and so the highest {@code replication-factor}. */
    public static final int CLUSTER_NODES_MAX = 256;
    public static final int PROTO_FD_MAX_MIN = 1024;
    public static final int SERVICE_THREADS_MAX = 4096;
    public static final int RACK_ID_MAX = 1_000_000;

    public static final int SET_NAME_BYTES_MAX = 63;
    /** Set ids are 12 bits and id 0 means no set. */
    public static final int SETS_PER_NAMESPACE_MAX = 4095;
    /** Smallest {@code max-record-size}; the largest is {@link NamespaceConfig#MAX_RECORD_BYTES_LIMIT}. */
    public static final int MAX_RECORD_BYTES_MIN = 64;

    public static final long DATA_SIZE_BYTES_MIN = 512 * MIB;
    public static final long DATA_SIZE_BYTES_MAX = 256L * 1024 * 1024 * MIB;
    public static final long FILE_SIZE_BYTES_MIN = 128 * MIB;
    public static final long FILE_SIZE_BYTES_MAX = 2L * 1024 * 1024 * MIB;
    /** Files plus devices of one namespace. */
    public static final int STORAGE_FILES_MAX = 128;
    public static final int FLUSH_BYTES_MIN = 4 * 1024;
    /** Aerospike 7.1's default {@code flush-size}: the largest single write to a device. */
    public static final int FLUSH_BYTES_DEFAULT = (int) MIB;
    /**
     * {@code write-block-size} was removed in Aerospike 7.1, which always writes 8 MiB blocks; TernDB still reads it
     * from 6.x files, from 1 MiB up.
     */
    public static final int WRITE_BLOCK_BYTES_MIN = (int) MIB;
    public static final int WRITE_BLOCK_BYTES_MAX = (int) (8 * MIB);
    public static final int WRITE_BLOCK_BYTES_DEFAULT = WRITE_BLOCK_BYTES_MAX;
    public static final long FLUSH_MAX_MS_DEFAULT = 1000;
    public static final int DEFRAG_LWM_PCT_DEFAULT = 50;
    /** TernDB's default {@code post-write-cache}: the last 8 write blocks of 8 MiB stay in memory for reads. */
    public static final long POST_WRITE_CACHE_BYTES_DEFAULT = 64L * 1024 * 1024;
    public static final int STOP_WRITES_USED_PCT_DEFAULT = 70;
    /** 0 = never evict. */
    public static final int EVICT_USED_PCT_DEFAULT = 0;

    public static final int HEARTBEAT_INTERVAL_MS_MIN = 50;
    public static final int HEARTBEAT_INTERVAL_MS_MAX = 600_000;
    public static final int HEARTBEAT_INTERVAL_MS_DEFAULT = 150;
    public static final int HEARTBEAT_TIMEOUT_INTERVALS_MIN = 3;
    public static final int HEARTBEAT_TIMEOUT_INTERVALS_DEFAULT = 10;
    public static final long HEARTBEAT_CONNECT_TIMEOUT_MS_DEFAULT = 500;

    public static final int LOGGING_SINKS_MAX = 8;

    private ConfigLimits() {
    }
}
