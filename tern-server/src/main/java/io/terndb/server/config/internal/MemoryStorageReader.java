package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.StorageConfig;

/**
 * Reads {@code storage-engine memory { ... }}, and the 6.x form {@code storage-engine memory} without a block.
 * TernDB keeps a memory namespace's data in memory only: storage backing ({@code file}, {@code device}) is refused.
 */
final class MemoryStorageReader extends StanzaReader<MemoryStorageSetting> implements StorageDraft {

    private static final String ENGINE = "storage-engine memory";

    private final int line;
    private Given dataSizeBytes;
    private Given stopWritesUsedPct;
    private Given evictUsedPct;

    private MemoryStorageReader(ParseContext context, String where, int line) {
        super(context, SettingTables.MEMORY, where);
        this.line = line;
    }

    static StorageDraft read(Entry.Stanza stanza, String where, ParseContext context) throws ConfigException {
        MemoryStorageReader reader = new MemoryStorageReader(context, where, stanza.line());
        reader.readEntries(stanza);
        return reader;
    }

    /** The 6.x line {@code storage-engine memory}, whose size comes from the namespace's {@code memory-size}. */
    static StorageDraft bare(Entry.Setting entry, String where, ParseContext context) {
        return new MemoryStorageReader(context, where, entry.line());
    }

    @Override
    protected void apply(MemoryStorageSetting setting, Value value, Entry.Setting entry) throws ConfigException {
        switch (setting) {
            case DATA_SIZE -> dataSizeBytes = Given.of(value, entry);
            case STOP_WRITES_USED_PCT -> stopWritesUsedPct = Given.of(value, entry);
            case EVICT_USED_PCT -> evictUsedPct = Given.of(value, entry);
            case COMMIT_TO_DEVICE -> {
                if (value.asBoolean()) {
                    throw error(entry.line(), "'commit-to-device' needs storage backing, which a memory namespace"
                            + " does not have in TernDB: its writes are complete once in memory");
                }
                context.noEffect(setting.settingName());
            }
            case FLUSH_SIZE -> throw error(entry.line(), "'flush-size' needs storage backing, which a memory"
                    + " namespace does not have in TernDB");
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }

    @Override
    public StorageConfig build(LegacySettings legacy) throws ConfigException {
        if (dataSizeBytes == null && legacy.memorySize() == null) {
            throw error(line, ENGINE + " needs 'data-size': the most record data the namespace may hold");
        }
        long dataSize = LegacySettings.resolve(dataSizeBytes, "data-size", legacy.memorySize(), "memory-size",
                ENGINE, 0, context);
        long stopWrites = LegacySettings.resolve(stopWritesUsedPct, "stop-writes-used-pct", legacy.stopWritesPct(),
                "stop-writes-pct", ENGINE, ConfigLimits.STOP_WRITES_USED_PCT_DEFAULT, context);
        long evict = LegacySettings.resolve(evictUsedPct, "evict-used-pct", legacy.highWaterMemoryPct(),
                "high-water-memory-pct", ENGINE, ConfigLimits.EVICT_USED_PCT_DEFAULT, context);
        if (legacy.highWaterDiskPct() != null) {
            context.noEffect("high-water-disk-pct");
        }
        return new StorageConfig.Memory(dataSize, Math.toIntExact(stopWrites), Math.toIntExact(evict));
    }
}
