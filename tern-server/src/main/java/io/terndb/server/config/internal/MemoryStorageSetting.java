package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.ConfigLimits;

/** The settings of {@code storage-engine memory { ... }}. */
enum MemoryStorageSetting implements SettingRule {
    /** Applied so that it can be refused: without storage backing the original refuses it too. */
    COMMIT_TO_DEVICE("commit-to-device", applies(flag())),
    COMPRESSION("compression", noEffect(choice("none", "lz4", "snappy", "zstd"))),
    COMPRESSION_ACCELERATION("compression-acceleration", noEffect(count(1, 65_537))),
    COMPRESSION_LEVEL("compression-level", noEffect(count(1, 9))),
    DATA_SIZE("data-size", applies(bytes(ConfigLimits.DATA_SIZE_BYTES_MIN, ConfigLimits.DATA_SIZE_BYTES_MAX))),
    DEFRAG_LWM_PCT("defrag-lwm-pct", noEffect(percent())),
    DEFRAG_QUEUE_MIN("defrag-queue-min", noEffect(uint32())),
    DEFRAG_SLEEP("defrag-sleep", noEffect(uint32())),
    DEFRAG_STARTUP_MINIMUM("defrag-startup-minimum", noEffect(count(0, 99))),
    DEVICE("device", unsupported("storage backing of a memory namespace; use 'storage-engine device'")),
    DIRECT_FILES("direct-files", noEffect(flag())),
    DISABLE_ODSYNC("disable-odsync", noEffect(flag())),
    ENABLE_BENCHMARKS_STORAGE("enable-benchmarks-storage", noEffect(flag())),
    ENCRYPTION("encryption", unsupported("TernDB does not encrypt data at rest")),
    ENCRYPTION_KEY_FILE("encryption-key-file", unsupported("TernDB does not encrypt data at rest")),
    ENCRYPTION_OLD_KEY_FILE("encryption-old-key-file", unsupported("TernDB does not encrypt data at rest")),
    EVICT_USED_PCT("evict-used-pct", applies(percent())),
    FILE("file", unsupported("storage backing of a memory namespace; use 'storage-engine device'")),
    FILESIZE("filesize", noEffect(bytes(ConfigLimits.FILE_SIZE_BYTES_MIN, ConfigLimits.FILE_SIZE_BYTES_MAX))),
    FLUSH_MAX_MS("flush-max-ms", noEffect(uint64())),
    /** Applied so that it can be refused: the original allows it only with storage backing. */
    FLUSH_SIZE("flush-size",
            applies(powerOfTwoBytes(ConfigLimits.FLUSH_BYTES_MIN, ConfigLimits.WRITE_BLOCK_BYTES_MAX))),
    MAX_WRITE_CACHE("max-write-cache", noEffect(bytes(64 * MIB, UINT64_MAX_AS_LONG))),
    STOP_WRITES_AVAIL_PCT("stop-writes-avail-pct", noEffect(percent())),
    STOP_WRITES_USED_PCT("stop-writes-used-pct", applies(percent())),
    TOMB_RAIDER_SLEEP("tomb-raider-sleep", noEffect(uint32())),
    MAX_USED_PCT("max-used-pct", obsolete("use 'stop-writes-used-pct' instead")),
    MIN_AVAIL_PCT("min-avail-pct", obsolete("use 'stop-writes-avail-pct' instead"));

    private final String settingName;
    private final Rule rule;

    MemoryStorageSetting(String settingName, Rule rule) {
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
