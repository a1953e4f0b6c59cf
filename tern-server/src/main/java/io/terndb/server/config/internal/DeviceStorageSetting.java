package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.ConfigLimits;

/** The settings of {@code storage-engine device { ... }}. */
enum DeviceStorageSetting implements SettingRule {
    CACHE_REPLICA_WRITES("cache-replica-writes", noEffect(flag())),
    COLD_START_EMPTY("cold-start-empty", noEffect(flag())),
    COMMIT_TO_DEVICE("commit-to-device", applies(flag())),
    COMPRESSION("compression", noEffect(choice("none", "lz4", "snappy", "zstd"))),
    COMPRESSION_ACCELERATION("compression-acceleration", noEffect(count(1, 65_537))),
    COMPRESSION_LEVEL("compression-level", noEffect(count(1, 9))),
    DEFRAG_LWM_PCT("defrag-lwm-pct", applies(percent())),
    DEFRAG_QUEUE_MIN("defrag-queue-min", noEffect(uint32())),
    DEFRAG_SLEEP("defrag-sleep", noEffect(uint32())),
    DEFRAG_STARTUP_MINIMUM("defrag-startup-minimum", noEffect(count(0, 99))),
    /** {@code device PATH [SHADOW]}. */
    DEVICE("device", appliesRepeated(words(1, 2))),
    DIRECT_FILES("direct-files", applies(flag())),
    /** Applied only to check it against {@code commit-to-device}, as the original does; otherwise unused. */
    DISABLE_ODSYNC("disable-odsync", applies(flag())),
    ENABLE_BENCHMARKS_STORAGE("enable-benchmarks-storage", noEffect(flag())),
    ENCRYPTION("encryption", unsupported("TernDB does not encrypt data at rest")),
    ENCRYPTION_KEY_FILE("encryption-key-file", unsupported("TernDB does not encrypt data at rest")),
    ENCRYPTION_OLD_KEY_FILE("encryption-old-key-file", unsupported("TernDB does not encrypt data at rest")),
    EVICT_USED_PCT("evict-used-pct", applies(percent())),
    /** {@code file PATH [SHADOW]}. */
    FILE("file", appliesRepeated(words(1, 2))),
    FILESIZE("filesize", applies(bytes(ConfigLimits.FILE_SIZE_BYTES_MIN, ConfigLimits.FILE_SIZE_BYTES_MAX))),
    FLUSH_MAX_MS("flush-max-ms", applies(uint64())),
    /** Applied only to check it against the write block; the device engine does not take it yet. */
    FLUSH_SIZE("flush-size",
            applies(powerOfTwoBytes(ConfigLimits.FLUSH_BYTES_MIN, ConfigLimits.WRITE_BLOCK_BYTES_MAX))),
    MAX_WRITE_CACHE("max-write-cache", noEffect(bytes(64 * MIB, UINT64_MAX_AS_LONG))),
    POST_WRITE_CACHE("post-write-cache", applies(bytes(0, UINT64_MAX_AS_LONG))),
    READ_PAGE_CACHE("read-page-cache", noEffect(flag())),
    SERIALIZE_TOMB_RAIDER("serialize-tomb-raider", noEffect(flag())),
    SINDEX_STARTUP_DEVICE_SCAN("sindex-startup-device-scan", noEffect(flag())),
    STOP_WRITES_AVAIL_PCT("stop-writes-avail-pct", noEffect(percent())),
    STOP_WRITES_USED_PCT("stop-writes-used-pct", applies(percent())),
    TOMB_RAIDER_SLEEP("tomb-raider-sleep", noEffect(uint32())),
    // Aerospike 6.x settings, removed in 7.0, that TernDB still reads so that older files start.
    DATA_IN_MEMORY("data-in-memory", noEffect(flag())),
    WRITE_BLOCK_SIZE("write-block-size",
            applies(powerOfTwoBytes(ConfigLimits.WRITE_BLOCK_BYTES_MIN, ConfigLimits.WRITE_BLOCK_BYTES_MAX))),
    // Removed from Aerospike; refused as the original refuses them.
    DISABLE_ODIRECT("disable-odirect", obsolete("use 'read-page-cache' instead")),
    FSYNC_MAX_SEC("fsync-max-sec", obsolete("use 'flush-max-ms' or 'commit-to-device' instead")),
    MAX_USED_PCT("max-used-pct", obsolete("use 'stop-writes-used-pct' instead")),
    MIN_AVAIL_PCT("min-avail-pct", obsolete("use 'stop-writes-avail-pct' instead")),
    POST_WRITE_QUEUE("post-write-queue", obsolete("use 'post-write-cache' instead"));

    private final String settingName;
    private final Rule rule;

    DeviceStorageSetting(String settingName, Rule rule) {
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
