package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.StorageConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code storage-engine device { file PATH ... device PATH ... }}. */
final class DeviceStorageReader extends StanzaReader<DeviceStorageSetting> implements StorageDraft {

    private static final String ENGINE = "storage-engine device";

    private final int line;
    private final List<String> files = new ArrayList<>();
    private final List<String> devices = new ArrayList<>();
    private final Map<String, Integer> pathLines = new HashMap<>();
    private Given fileSizeBytes;
    private Given writeBlockBytes;
    private Given flushBytes;
    private long flushMaxMs = ConfigLimits.FLUSH_MAX_MS_DEFAULT;
    private Given commitToDevice;
    private Given directFiles;
    private Given disableOdsync;
    private int defragLwmPct = ConfigLimits.DEFRAG_LWM_PCT_DEFAULT;
    private int stopWritesUsedPct = ConfigLimits.STOP_WRITES_USED_PCT_DEFAULT;
    private Given evictUsedPct;
    private long postWriteCacheBytes = ConfigLimits.POST_WRITE_CACHE_BYTES_DEFAULT;

    private DeviceStorageReader(ParseContext context, String where, int line) {
        super(context, SettingTables.DEVICE, where);
        this.line = line;
    }

    static StorageDraft read(Entry.Stanza stanza, String where, ParseContext context) throws ConfigException {
        DeviceStorageReader reader = new DeviceStorageReader(context, where, stanza.line());
        reader.readEntries(stanza);
        return reader;
    }

    @Override
    protected void apply(DeviceStorageSetting setting, Value value, Entry.Setting entry) throws ConfigException {
        switch (setting) {
            case FILE -> addPath(files, devices, value, entry);
            case DEVICE -> addPath(devices, files, value, entry);
            case FILESIZE -> fileSizeBytes = Given.of(value, entry);
            case WRITE_BLOCK_SIZE -> writeBlockBytes = Given.of(value, entry);
            case FLUSH_SIZE -> flushBytes = Given.of(value, entry);
            case FLUSH_MAX_MS -> flushMaxMs = value.asLong();
            case COMMIT_TO_DEVICE -> commitToDevice = flag(value, entry);
            case DIRECT_FILES -> directFiles = flag(value, entry);
            case DISABLE_ODSYNC -> {
                disableOdsync = flag(value, entry);
                context.noEffect(setting.settingName());
            }
            case DEFRAG_LWM_PCT -> defragLwmPct = Math.toIntExact(value.asLong());
            case STOP_WRITES_USED_PCT -> stopWritesUsedPct = Math.toIntExact(value.asLong());
            case EVICT_USED_PCT -> evictUsedPct = Given.of(value, entry);
            case POST_WRITE_CACHE -> postWriteCacheBytes = value.asLong();
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }

    /** {@code file PATH [SHADOW]} or {@code device PATH [SHADOW]}: one list or the other, each path once. */
    private void addPath(List<String> paths, List<String> otherKind, Value value, Entry.Setting entry)
            throws ConfigException {
        List<String> words = value.asWords();
        if (words.size() > 1) {
            throw error(entry.line(), "shadow devices are not supported yet: '" + entry.name() + "' takes one path");
        }
        String path = words.getFirst();
        Paths.of(entry, path, context);
        if (!otherKind.isEmpty()) {
            throw error(entry.line(), "one storage-engine device can't mix 'file' and 'device' lines");
        }
        Integer first = pathLines.putIfAbsent(path, entry.line());
        if (first != null) {
            throw error(entry.line(), ValueSyntax.quote(path) + " is listed twice (first on line " + first + ")");
        }
        if (paths.size() == ConfigLimits.STORAGE_FILES_MAX) {
            throw error(entry.line(), "too many files or devices: at most " + ConfigLimits.STORAGE_FILES_MAX);
        }
        paths.add(path);
    }

    private static Given flag(Value value, Entry.Setting entry) {
        return new Given(value.asBoolean() ? 1 : 0, entry.line());
    }

    @Override
    public StorageConfig build(LegacySettings legacy) throws ConfigException {
        checkStorage();
        int writeBlock = Math.toIntExact(Given.orElse(writeBlockBytes, ConfigLimits.WRITE_BLOCK_BYTES_DEFAULT));
        if (flushBytes != null && flushBytes.value() > writeBlock) {
            throw error(flushBytes.line(), "'flush-size' (" + ValueSyntax.describeBytes(flushBytes.value())
                    + ") must not exceed the write block (" + ValueSyntax.describeBytes(writeBlock) + ")");
        }
        long evict = LegacySettings.resolve(evictUsedPct, "evict-used-pct", legacy.highWaterDiskPct(),
                "high-water-disk-pct", ENGINE, ConfigLimits.EVICT_USED_PCT_DEFAULT, context);
        reportUnusedLegacy(legacy);
        int flush = Math.toIntExact(Given.orElse(flushBytes, Math.min(ConfigLimits.FLUSH_BYTES_DEFAULT, writeBlock)));
        return new StorageConfig.Device(files, devices, Given.orElse(fileSizeBytes, 0), writeBlock, flush, flushMaxMs,
                Given.orElse(commitToDevice, 0) == 1, Given.orElse(directFiles, 0) == 1, defragLwmPct,
                stopWritesUsedPct, Math.toIntExact(evict), postWriteCacheBytes, null);
    }

    private void checkStorage() throws ConfigException {
        if (files.isEmpty() && devices.isEmpty()) {
            throw error(line, ENGINE + " needs at least one 'file' or 'device' line");
        }
        if (!files.isEmpty() && fileSizeBytes == null) {
            throw error(line, ENGINE + " with 'file' lines needs 'filesize': the size of each file");
        }
        boolean commits = Given.orElse(commitToDevice, 0) == 1;
        if (commits && Given.orElse(disableOdsync, 0) == 1) {
            int laterLine = Math.max(commitToDevice.line(), disableOdsync.line());
            throw error(laterLine, "'commit-to-device' and 'disable-odsync' can't both be true");
        }
    }

    private void reportUnusedLegacy(LegacySettings legacy) {
        if (legacy.memorySize() != null) {
            context.noEffect("memory-size");
        }
        if (legacy.highWaterMemoryPct() != null) {
            context.noEffect("high-water-memory-pct");
        }
        if (legacy.stopWritesPct() != null) {
            context.noEffect("stop-writes-pct");
        }
    }
}
