package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.NamespaceConfig;

/** The settings of {@code namespace NAME { ... }} (sub-stanzas are read by {@link NamespaceReader}). */
enum NamespaceSetting implements SettingRule {
    ACTIVE_RACK("active-rack", noEffect(count(0, ConfigLimits.RACK_ID_MAX))),
    ALLOW_TTL_WITHOUT_NSUP("allow-ttl-without-nsup", applies(flag())),
    APPLY_TTL_REDUCTIONS("apply-ttl-reductions", noEffect(flag())),
    AUTO_REVIVE("auto-revive", noEffect(flag())),
    BACKGROUND_QUERY_MAX_RPS("background-query-max-rps", noEffect(count(1, 1_000_000))),
    CONFLICT_RESOLUTION_POLICY("conflict-resolution-policy", applies(choice("generation", "last-update-time"))),
    CONFLICT_RESOLVE_WRITES("conflict-resolve-writes", noEffect(flag())),
    DEFAULT_READ_TOUCH_TTL_PCT("default-read-touch-ttl-pct", noEffect(percent())),
    DEFAULT_TTL("default-ttl", applies(seconds(0, NamespaceConfig.TTL_SECONDS_MAX))),
    DISABLE_COLD_START_EVICTION("disable-cold-start-eviction", noEffect(flag())),
    DISABLE_MRT_WRITES("disable-mrt-writes", noEffect(flag())),
    DISABLE_WRITE_DUP_RES("disable-write-dup-res", noEffect(flag())),
    DISALLOW_EXPUNGE("disallow-expunge", noEffect(flag())),
    DISALLOW_NULL_SETNAME("disallow-null-setname", noEffect(flag())),
    ENABLE_BENCHMARKS_BATCH_SUB("enable-benchmarks-batch-sub", noEffect(flag())),
    ENABLE_BENCHMARKS_OPS_SUB("enable-benchmarks-ops-sub", noEffect(flag())),
    ENABLE_BENCHMARKS_READ("enable-benchmarks-read", noEffect(flag())),
    ENABLE_BENCHMARKS_UDF("enable-benchmarks-udf", noEffect(flag())),
    ENABLE_BENCHMARKS_UDF_SUB("enable-benchmarks-udf-sub", noEffect(flag())),
    ENABLE_BENCHMARKS_WRITE("enable-benchmarks-write", noEffect(flag())),
    ENABLE_HIST_PROXY("enable-hist-proxy", noEffect(flag())),
    EVICT_HIST_BUCKETS("evict-hist-buckets", noEffect(count(100, 10_000_000))),
    EVICT_INDEXES_MEMORY_PCT("evict-indexes-memory-pct", noEffect(percent())),
    EVICT_TENTHS_PCT("evict-tenths-pct", noEffect(uint32())),
    IGNORE_MIGRATE_FILL_DELAY("ignore-migrate-fill-delay", noEffect(flag())),
    INDEX_STAGE_SIZE("index-stage-size", noEffect(powerOfTwoBytes(128 * MIB, GIB))),
    INDEXES_MEMORY_BUDGET("indexes-memory-budget", noEffect(bytes(0, UINT64_MAX_AS_LONG))),
    INLINE_SHORT_QUERIES("inline-short-queries", noEffect(flag())),
    MAX_RECORD_SIZE("max-record-size",
            applies(bytes(ConfigLimits.MAX_RECORD_BYTES_MIN, NamespaceConfig.MAX_RECORD_BYTES_LIMIT))),
    MIGRATE_ORDER("migrate-order", noEffect(count(1, 10))),
    MIGRATE_RETRANSMIT_MS("migrate-retransmit-ms", noEffect(uint32())),
    MIGRATE_SKIP_UNREADABLE("migrate-skip-unreadable", noEffect(flag())),
    MIGRATE_SLEEP("migrate-sleep", noEffect(uint32())),
    MRT_DURATION("mrt-duration", noEffect(seconds(1, 120))),
    NSUP_HIST_PERIOD("nsup-hist-period", noEffect(seconds())),
    NSUP_PERIOD("nsup-period", applies(seconds())),
    NSUP_THREADS("nsup-threads", noEffect(count(1, 128))),
    PARTITION_TREE_SPRIGS("partition-tree-sprigs", noEffect(new ValueKind.PowerOfTwo(256, 1L << 28))),
    PREFER_UNIFORM_BALANCE("prefer-uniform-balance", applies(flag())),
    RACK_ID("rack-id", applies(count(0, ConfigLimits.RACK_ID_MAX))),
    READ_CONSISTENCY_LEVEL_OVERRIDE("read-consistency-level-override", applies(choice("all", "off", "one"))),
    REJECT_NON_XDR_WRITES("reject-non-xdr-writes", noEffect(flag())),
    REJECT_XDR_WRITES("reject-xdr-writes", noEffect(flag())),
    REPLICATION_FACTOR("replication-factor", applies(count(1, ConfigLimits.CLUSTER_NODES_MAX))),
    SINDEX_STAGE_SIZE("sindex-stage-size", noEffect(powerOfTwoBytes(128 * MIB, 4 * GIB))),
    SINGLE_QUERY_THREADS("single-query-threads", noEffect(count(1, 128))),
    STOP_WRITES_SYS_MEMORY_PCT("stop-writes-sys-memory-pct", noEffect(percent())),
    /** Applied so that {@code true} is refused: TernDB cannot keep the strong-consistency promise yet. */
    STRONG_CONSISTENCY("strong-consistency", applies(flag())),
    STRONG_CONSISTENCY_ALLOW_EXPUNGE("strong-consistency-allow-expunge", noEffect(flag())),
    TOMB_RAIDER_ELIGIBLE_AGE("tomb-raider-eligible-age", noEffect(seconds())),
    TOMB_RAIDER_PERIOD("tomb-raider-period", noEffect(seconds())),
    TOMB_RAIDER_UNMARK_THREADS("tomb-raider-unmark-threads", noEffect(count(0, ConfigLimits.STORAGE_FILES_MAX))),
    TRANSACTION_PENDING_LIMIT("transaction-pending-limit", noEffect(uint32())),
    TRUNCATE_THREADS("truncate-threads", noEffect(count(1, 128))),
    WRITE_COMMIT_LEVEL_OVERRIDE("write-commit-level-override", applies(choice("all", "master", "off"))),
    XDR_BIN_TOMBSTONE_TTL("xdr-bin-tombstone-ttl", noEffect(seconds(0, NamespaceConfig.TTL_SECONDS_MAX))),
    XDR_TOMB_RAIDER_PERIOD("xdr-tomb-raider-period", noEffect(seconds())),
    XDR_TOMB_RAIDER_THREADS("xdr-tomb-raider-threads", noEffect(count(1, 128))),
    // Aerospike 6.x settings, removed in 7.0. TernDB reads the ones with a clear successor so that older files
    // start; NamespaceReader maps them onto the storage engine and says so in a notice.
    HIGH_WATER_DISK_PCT("high-water-disk-pct", applies(percent())),
    HIGH_WATER_MEMORY_PCT("high-water-memory-pct", applies(percent())),
    MEMORY_SIZE("memory-size", applies(bytes(ConfigLimits.DATA_SIZE_BYTES_MIN, ConfigLimits.DATA_SIZE_BYTES_MAX))),
    STOP_WRITES_PCT("stop-writes-pct", applies(percent())),
    // Removed from Aerospike without a successor TernDB could honour; refused as the original refuses them.
    BACKGROUND_SCAN_MAX_RPS("background-scan-max-rps", obsolete("use 'background-query-max-rps' instead")),
    DATA_IN_INDEX("data-in-index", obsolete("single-bin namespaces are gone; convert the data to multi-bin")),
    DISABLE_NSUP("disable-nsup", obsolete("set 'nsup-period' to 0 to run no supervisor")),
    EVICT_SYS_MEMORY_PCT("evict-sys-memory-pct",
            obsolete("use 'evict-indexes-memory-pct' and the storage engine's 'evict-used-pct' instead")),
    SINGLE_BIN("single-bin", obsolete("single-bin namespaces are gone; convert the data to multi-bin")),
    SINGLE_SCAN_THREADS("single-scan-threads", obsolete("use 'single-query-threads' instead"));

    private final String settingName;
    private final Rule rule;

    NamespaceSetting(String settingName, Rule rule) {
        this.settingName = settingName;
        this.rule = rule;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    @Override
    public Rule rule() {
        return rule;
    }
}
