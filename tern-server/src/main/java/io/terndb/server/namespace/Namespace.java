package io.terndb.server.namespace;

import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.storage.NamespaceStore;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.concurrent.atomic.LongAdder;

/** One served namespace: its configuration, its storage, and the counters that {@code namespace/NAME} reports. */
public final class Namespace implements AutoCloseable {

    private final NamespaceConfig config;
    private final byte[] nameBytes;
    private final NamespaceStore store;
    private final long[] setDefaultTtlSeconds;

    public final LongAdder readSuccess = new LongAdder();
    public final LongAdder readNotFound = new LongAdder();
    public final LongAdder readError = new LongAdder();
    public final LongAdder writeSuccess = new LongAdder();
    public final LongAdder writeError = new LongAdder();
    public final LongAdder deleteSuccess = new LongAdder();
    public final LongAdder deleteNotFound = new LongAdder();
    public final LongAdder recordTooBig = new LongAdder();
    public final LongAdder expiredObjects = new LongAdder();
    public final LongAdder truncatedObjects = new LongAdder();
    public final LongAdder evictedObjects = new LongAdder();
    public final LongAdder batchRows = new LongAdder();
    public final LongAdder scansCompleted = new LongAdder();
    public final LongAdder proxiedOut = new LongAdder();
    public final LongAdder proxiedIn = new LongAdder();
    public final LongAdder replicaWritesTimedOut = new LongAdder();
    /** This node's partition states in the cluster; set once at start, before any request. */
    private volatile io.terndb.cluster.partition.NamespacePartitions partitions;
    private volatile io.terndb.cluster.replication.ReplicaWrites replicaWrites;

    public Namespace(NamespaceConfig config, InstantSource clock) {
        this.config = config;
        this.nameBytes = config.name().getBytes(StandardCharsets.UTF_8);
        this.store = StoreFactory.open(config, clock);
        this.setDefaultTtlSeconds = new long[io.terndb.storage.SetRegistry.SETS_MAX + 1];
        java.util.Arrays.fill(setDefaultTtlSeconds, -1);
    }

    public String name() {
        return config.name();
    }

    public byte[] nameBytes() {
        return nameBytes;
    }

    public NamespaceConfig config() {
        return config;
    }

    public NamespaceStore store() {
        return store;
    }

    public io.terndb.cluster.partition.NamespacePartitions partitions() {
        return partitions;
    }

    public io.terndb.cluster.replication.ReplicaWrites replicaWrites() {
        return replicaWrites;
    }

    /** Joins the namespace to its node's distribution layer; once, at start, before any request. */
    public void bind(io.terndb.cluster.partition.NamespacePartitions partitions,
            io.terndb.cluster.replication.ReplicaWrites replicaWrites) {
        this.replicaWrites = replicaWrites;
        this.partitions = partitions;
    }

    /** The namespace's {@code evict-used-pct}; 0 = never evict. */
    public int evictUsedPct() {
        return switch (config.storage()) {
            case StorageConfig.Memory memory -> memory.evictUsedPct();
            case StorageConfig.Device device -> device.evictUsedPct();
        };
    }

    /** Whether data has passed {@code evict-used-pct} of the namespace's capacity (the original's "hwm breached"). */
    public boolean evictionThresholdPassed() {
        long total = store.dataTotalBytes();
        return evictUsedPct() > 0 && total > 0 && store.dataBytes() * 100 > total * evictUsedPct();
    }

    public boolean stopWritesReached() {
        return store.stopWrites(0);
    }

    /** The default TTL of a set: its {@code set NAME { default-ttl }} if configured, else the namespace's. */
    public long defaultTtlSeconds(int setId) {
        long setTtl = setDefaultTtlSeconds[setId];
        if (setTtl >= 0) {
            return setTtl;
        }
        if (setTtl == -1 && setId != 0) {
            setTtl = -2;
            String setName = store.sets().name(setId);
            for (NamespaceConfig.SetConfig set : config.sets()) {
                if (set.name().equals(setName) && set.defaultTtlSeconds() >= 0) {
                    setTtl = set.defaultTtlSeconds();
                }
            }
            setDefaultTtlSeconds[setId] = setTtl;
            if (setTtl >= 0) {
                return setTtl;
            }
        }
        return config.defaultTtlSeconds();
    }

    /** Whether the namespace accepts records that expire: a supervisor runs, or the operator allowed it. */
    public boolean allowsTtl() {
        return config.nsupPeriodSeconds() > 0 || config.allowTtlWithoutNsup();
    }

    @Override
    public void close() {
        store.close();
    }
}
