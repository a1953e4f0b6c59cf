package io.terndb.kvcache;

import io.terndb.client.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The chunk store's configuration: the fields, defaults and environment fallbacks of LMCache's Aerospike
 * adapter, validated once. Build it with {@link #builder()} or parse the adapter's JSON with
 * {@link ChunkStoreJson#parse(String)}.
 *
 * <pre>{@code
 * ChunkStoreConfig config = ChunkStoreConfig.builder().hosts("127.0.0.1:3000").numWorkers(16).build();
 * }</pre>
 *
 * @param hosts seeds, {@code host:port[,host:port]}
 * @param namespace the namespace holding the objects
 * @param setName the set holding the objects
 * @param numWorkers objects stored, loaded or deleted at once (the I/O queue depth)
 * @param readTimeoutMs total timeout of each read command
 * @param writeTimeoutMs total timeout of each write command
 * @param defaultTtlSeconds time to live of every record written; 0 means the namespace's default
 * @param targetSegmentBytes payload bytes per segment record; 0 means as large as the record cap allows
 * @param maxRecordBytes the server's record cap; 0 means discover it from the server at start
 * @param username user name, accepted for compatibility and ignored with a warning: TernDB has no access control
 * @param password password, accepted for compatibility and ignored (never logged)
 * @param maxCapacityGb payload capacity in GiB, kept by LRU eviction; 0 means no tracking and no eviction
 * @param loadDeadlineMs TernDB extension: a load not done this long after the call reports
 *     {@link LoadOutcome#TIMED_OUT} (a miss); 0 means no deadline beyond the read timeouts
 * @param maxInflightBytes TernDB extension: payload bytes of stores and loads in flight at once, besides
 *     {@code num_workers}; 0 means no byte budget
 * @param pinLeaseMs TernDB extension: how long a pin holds unless renewed or released
 * @param usageRefreshMs TernDB extension: how often usage is recounted from the server when capacity is
 *     tracked (other processes' stores and deletes are seen within this period); 0 means only at start
 * @param orphanSweepMs TernDB extension: how often orphan segments are swept; 0 means only on
 *     {@link ChunkStore#sweepOrphans()}
 * @param orphanGraceMs TernDB extension: how long a segment must stay an orphan before it is deleted; 0 means
 *     three write timeouts (see {@link #commitCutoffMs()})
 */
public record ChunkStoreConfig(String hosts, String namespace, String setName, int numWorkers, long readTimeoutMs,
        long writeTimeoutMs, int defaultTtlSeconds, long targetSegmentBytes, long maxRecordBytes, String username,
        String password, double maxCapacityGb, long loadDeadlineMs, long maxInflightBytes, long pinLeaseMs,
        long usageRefreshMs, long orphanSweepMs, long orphanGraceMs) {

    public static final String ENV_HOSTS = "LMCACHE_AEROSPIKE_HOSTS";
    public static final String ENV_NAMESPACE = "LMCACHE_AEROSPIKE_NAMESPACE";
    public static final String ENV_SET = "LMCACHE_AEROSPIKE_SET";
    public static final String ENV_USERNAME = "LMCACHE_AEROSPIKE_USERNAME";
    public static final String ENV_PASSWORD = "LMCACHE_AEROSPIKE_PASSWORD";

    public static final String NAMESPACE_DEFAULT = "lmcache";
    public static final String SET_NAME_DEFAULT = "kv_chunks";
    public static final int NUM_WORKERS_DEFAULT = 8;
    public static final long READ_TIMEOUT_MS_DEFAULT = 1_000;
    public static final long WRITE_TIMEOUT_MS_DEFAULT = 2_000;
    public static final int DEFAULT_TTL_SECONDS_DEFAULT = 86_400;
    /** Below this a record cap could not hold a segment next to the 64 KiB margin for record overhead. */
    public static final long MAX_RECORD_BYTES_MIN = 128 * 1024;
    /** The largest record cap the server can be configured with. */
    public static final long MAX_RECORD_BYTES_MAX = 8L * 1024 * 1024;
    public static final long PIN_LEASE_MS_DEFAULT = 60_000;
    public static final long USAGE_REFRESH_MS_DEFAULT = 10_000;
    /** A store takes at most a segment write and a meta write, each within the write timeout; one more spare. */
    public static final int ORPHAN_GRACE_WRITE_TIMEOUTS = 3;
    private static final long GIB = 1024L * 1024 * 1024;

    public ChunkStoreConfig {
        Objects.requireNonNull(hosts, "hosts");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(setName, "setName");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        parseHosts(hosts);
        require(!namespace.isEmpty(), "namespace=" + namespace + " must not be empty");
        require(numWorkers > 0, "num_workers=" + numWorkers + " must be > 0");
        require(readTimeoutMs > 0, "read_timeout_ms=" + readTimeoutMs + " must be > 0");
        require(writeTimeoutMs > 0, "write_timeout_ms=" + writeTimeoutMs + " must be > 0");
        require(defaultTtlSeconds >= 0, "default_ttl_seconds=" + defaultTtlSeconds + " must be >= 0");
        require(targetSegmentBytes >= 0, "target_segment_bytes=" + targetSegmentBytes + " must be >= 0");
        boolean recordBytesInRange = maxRecordBytes >= MAX_RECORD_BYTES_MIN && maxRecordBytes <= MAX_RECORD_BYTES_MAX;
        require(maxRecordBytes == 0 || recordBytesInRange,
                "max_record_bytes=" + maxRecordBytes + " must be 0 (discover) or in [" + MAX_RECORD_BYTES_MIN
                        + ", " + MAX_RECORD_BYTES_MAX + "]");
        require(maxCapacityGb >= 0 && Double.isFinite(maxCapacityGb),
                "max_capacity_gb=" + maxCapacityGb + " must be a finite number >= 0");
        require(username.isEmpty() == password.isEmpty(),
                "username=" + username + " and password must be given together");
        require(loadDeadlineMs >= 0, "load_deadline_ms=" + loadDeadlineMs + " must be >= 0");
        require(maxInflightBytes >= 0, "max_inflight_bytes=" + maxInflightBytes + " must be >= 0");
        require(pinLeaseMs > 0, "pin_lease_ms=" + pinLeaseMs + " must be > 0");
        require(usageRefreshMs >= 0, "usage_refresh_ms=" + usageRefreshMs + " must be >= 0");
        require(orphanSweepMs >= 0, "orphan_sweep_ms=" + orphanSweepMs + " must be >= 0");
        require(orphanGraceMs >= 0, "orphan_grace_ms=" + orphanGraceMs + " must be >= 0");
    }

    /** Payload bytes kept by eviction; 0 when capacity is not tracked. */
    public long capacityBytes() {
        return (long) (maxCapacityGb * GIB);
    }

    /**
     * How long a store may spend on its segments and still commit: two write timeouts (segments finish or fail
     * within one). With the commit's own write timeout, a store's segments are orphans for at most three write
     * timeouts, the default grace period; a configured {@code orphan_grace_ms} must stay above that for every
     * writer of the set.
     */
    public long commitCutoffMs() {
        return 2 * writeTimeoutMs;
    }

    /** The grace period in force: configured, or three write timeouts. */
    public long orphanGraceMsInForce() {
        return orphanGraceMs > 0 ? orphanGraceMs : ORPHAN_GRACE_WRITE_TIMEOUTS * writeTimeoutMs;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The seeds of {@link #hosts()}, in order. */
    public List<Host> seeds() {
        return parseHosts(hosts);
    }

    /** Password left out, so configurations can be logged. */
    @Override
    public String toString() {
        return "ChunkStoreConfig[hosts=" + hosts + ", namespace=" + namespace + ", setName=" + setName
                + ", numWorkers=" + numWorkers + ", readTimeoutMs=" + readTimeoutMs + ", writeTimeoutMs="
                + writeTimeoutMs + ", defaultTtlSeconds=" + defaultTtlSeconds + ", targetSegmentBytes="
                + targetSegmentBytes + ", maxRecordBytes=" + maxRecordBytes + ", username=" + username
                + ", maxCapacityGb=" + maxCapacityGb + ", loadDeadlineMs=" + loadDeadlineMs + ", maxInflightBytes="
                + maxInflightBytes + ", pinLeaseMs=" + pinLeaseMs + ", usageRefreshMs=" + usageRefreshMs
                + ", orphanSweepMs=" + orphanSweepMs + ", orphanGraceMs=" + orphanGraceMs + "]";
    }

    private static List<Host> parseHosts(String hosts) {
        require(!hosts.isBlank(), "hosts=" + hosts + " is required (or set " + ENV_HOSTS + ")");
        List<Host> seeds = new ArrayList<>();
        for (String part : hosts.split(",")) {
            String trimmed = part.strip();
            int colon = trimmed.lastIndexOf(':');
            require(colon > 0 && colon < trimmed.length() - 1, "hosts=" + hosts + " must be host:port[,host:port]");
            String portText = trimmed.substring(colon + 1);
            int port;
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("hosts=" + hosts + " has a port that is not a number: "
                        + portText, e);
            }
            require(port > 0 && port <= 65_535, "hosts=" + hosts + " has a port out of range: " + port);
            seeds.add(new Host(trimmed.substring(0, colon), port));
        }
        return List.copyOf(seeds);
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * Collects fields; {@link #build()} fills empty host, namespace, set, user name and password from the
     * environment (LMCache's fallbacks), then the defaults, then validates.
     */
    public static final class Builder {
        private String hosts = "";
        private String namespace = "";
        private String setName = "";
        private int numWorkers = NUM_WORKERS_DEFAULT;
        private long readTimeoutMs = READ_TIMEOUT_MS_DEFAULT;
        private long writeTimeoutMs = WRITE_TIMEOUT_MS_DEFAULT;
        private int defaultTtlSeconds = DEFAULT_TTL_SECONDS_DEFAULT;
        private long targetSegmentBytes;
        private long maxRecordBytes;
        private String username = "";
        private String password = "";
        private double maxCapacityGb;
        private long loadDeadlineMs;
        private long maxInflightBytes;
        private long pinLeaseMs = PIN_LEASE_MS_DEFAULT;
        private long usageRefreshMs = USAGE_REFRESH_MS_DEFAULT;
        private long orphanSweepMs;
        private long orphanGraceMs;
        private Map<String, String> environment = System.getenv();

        private Builder() {
        }

        public Builder hosts(String value) {
            hosts = Objects.requireNonNull(value, "hosts");
            return this;
        }

        public Builder namespace(String value) {
            namespace = Objects.requireNonNull(value, "namespace");
            return this;
        }

        public Builder setName(String value) {
            setName = Objects.requireNonNull(value, "setName");
            return this;
        }

        public Builder numWorkers(int value) {
            numWorkers = value;
            return this;
        }

        public Builder readTimeoutMs(long value) {
            readTimeoutMs = value;
            return this;
        }

        public Builder writeTimeoutMs(long value) {
            writeTimeoutMs = value;
            return this;
        }

        public Builder defaultTtlSeconds(int value) {
            defaultTtlSeconds = value;
            return this;
        }

        public Builder targetSegmentBytes(long value) {
            targetSegmentBytes = value;
            return this;
        }

        public Builder maxRecordBytes(long value) {
            maxRecordBytes = value;
            return this;
        }

        public Builder username(String value) {
            username = Objects.requireNonNull(value, "username");
            return this;
        }

        public Builder password(String value) {
            password = Objects.requireNonNull(value, "password");
            return this;
        }

        public Builder maxCapacityGb(double value) {
            maxCapacityGb = value;
            return this;
        }

        public Builder loadDeadlineMs(long value) {
            loadDeadlineMs = value;
            return this;
        }

        public Builder maxInflightBytes(long value) {
            maxInflightBytes = value;
            return this;
        }

        public Builder pinLeaseMs(long value) {
            pinLeaseMs = value;
            return this;
        }

        public Builder usageRefreshMs(long value) {
            usageRefreshMs = value;
            return this;
        }

        public Builder orphanSweepMs(long value) {
            orphanSweepMs = value;
            return this;
        }

        public Builder orphanGraceMs(long value) {
            orphanGraceMs = value;
            return this;
        }

        /** Where the fallbacks are read; the process environment unless a test substitutes one. */
        public Builder environment(Map<String, String> variables) {
            environment = Map.copyOf(variables);
            return this;
        }

        public ChunkStoreConfig build() {
            return new ChunkStoreConfig(orEnvironment(hosts, ENV_HOSTS, ""),
                    orEnvironment(namespace, ENV_NAMESPACE, NAMESPACE_DEFAULT),
                    orEnvironment(setName, ENV_SET, SET_NAME_DEFAULT), numWorkers, readTimeoutMs, writeTimeoutMs,
                    defaultTtlSeconds, targetSegmentBytes, maxRecordBytes, orEnvironment(username, ENV_USERNAME, ""),
                    orEnvironment(password, ENV_PASSWORD, ""), maxCapacityGb, loadDeadlineMs, maxInflightBytes,
                    pinLeaseMs, usageRefreshMs, orphanSweepMs, orphanGraceMs);
        }

        private String orEnvironment(String value, String variable, String fallback) {
            if (!value.isEmpty()) {
                return value;
            }
            String fromEnvironment = environment.get(variable);
            return fromEnvironment == null || fromEnvironment.isEmpty() ? fallback : fromEnvironment;
        }
    }
}
