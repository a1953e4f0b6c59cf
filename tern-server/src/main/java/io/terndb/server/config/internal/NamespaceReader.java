package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code namespace NAME { ... }}, its storage engine and its sets, and checks how they fit together. */
final class NamespaceReader extends StanzaReader<NamespaceSetting> {

    private final String name;
    private int replicationFactor = NamespaceConfig.REPLICATION_FACTOR_DEFAULT;
    private Given defaultTtlSeconds;
    private long nsupPeriodSeconds;
    private boolean allowTtlWithoutNsup;
    private Given maxRecordBytes;
    private StorageDraft storage;
    private Entry.Setting indexMount;
    private final List<NamespaceConfig.SetConfig> sets = new ArrayList<>();
    private final Map<String, Integer> setLines = new HashMap<>();
    private Given memorySize;
    private Given highWaterMemoryPct;
    private Given stopWritesPct;
    private Given highWaterDiskPct;
    private int rackId;
    private boolean preferUniformBalance;
    private io.terndb.protocol.RecordVersion conflictResolution = io.terndb.protocol.RecordVersion.GENERATION;
    private NamespaceConfig.CommitLevel writeCommitLevel = NamespaceConfig.CommitLevel.CLIENT;
    private Boolean readDuplicates;

    private NamespaceReader(ParseContext context, String name) {
        super(context, SettingTables.NAMESPACE, "namespace " + name);
        this.name = name;
    }

    static NamespaceConfig read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        String name = checkName(stanza, context);
        NamespaceReader reader = new NamespaceReader(context, name);
        reader.readEntries(stanza);
        return reader.build(stanza);
    }

    private static String checkName(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        if (stanza.arguments().size() != 1) {
            String given = String.join(" ", stanza.arguments());
            throw context.error(stanza.line(), "'namespace' takes one name, not "
                    + (given.isEmpty() ? "none" : ValueSyntax.quote(given)));
        }
        String name = stanza.arguments().getFirst();
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > NamespaceConfig.NAME_BYTES_MAX) {
            throw context.error(stanza.line(), "namespace name must be 1 to " + NamespaceConfig.NAME_BYTES_MAX
                    + " bytes long, not " + nameBytes + ": " + ValueSyntax.quote(name));
        }
        return name;
    }

    @Override
    protected void apply(NamespaceSetting setting, Value value, Entry.Setting entry) throws ConfigException {
        switch (setting) {
            case REPLICATION_FACTOR -> replicationFactor = Math.toIntExact(value.asLong());
            case DEFAULT_TTL -> defaultTtlSeconds = Given.of(value, entry);
            case NSUP_PERIOD -> nsupPeriodSeconds = value.asLong();
            case ALLOW_TTL_WITHOUT_NSUP -> allowTtlWithoutNsup = value.asBoolean();
            case MAX_RECORD_SIZE -> maxRecordBytes = Given.of(value, entry);
            case STRONG_CONSISTENCY -> {
                if (value.asBoolean()) {
                    throw error(entry.line(), "'strong-consistency true' is not supported yet: TernDB namespaces"
                            + " are available-under-partition (AP) only");
                }
                context.noEffect(setting.settingName());
            }
            case MEMORY_SIZE -> memorySize = Given.of(value, entry);
            case HIGH_WATER_MEMORY_PCT -> highWaterMemoryPct = Given.of(value, entry);
            case STOP_WRITES_PCT -> stopWritesPct = Given.of(value, entry);
            case HIGH_WATER_DISK_PCT -> highWaterDiskPct = Given.of(value, entry);
            case RACK_ID -> rackId = Math.toIntExact(value.asLong());
            case PREFER_UNIFORM_BALANCE -> preferUniformBalance = value.asBoolean();
            case CONFLICT_RESOLUTION_POLICY -> conflictResolution = value.asText().equals("generation")
                    ? io.terndb.protocol.RecordVersion.GENERATION : io.terndb.protocol.RecordVersion.LAST_UPDATE_TIME;
            case WRITE_COMMIT_LEVEL_OVERRIDE -> writeCommitLevel = switch (value.asText()) {
                case "all" -> NamespaceConfig.CommitLevel.ALL;
                case "master" -> NamespaceConfig.CommitLevel.MASTER;
                default -> NamespaceConfig.CommitLevel.CLIENT;
            };
            case READ_CONSISTENCY_LEVEL_OVERRIDE -> readDuplicates = switch (value.asText()) {
                case "all" -> Boolean.TRUE;
                case "one" -> Boolean.FALSE;
                default -> null;
            };
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }

    @Override
    protected void readStanza(Entry.Stanza child) throws ConfigException {
        switch (child.name()) {
            case "storage-engine" -> readStorageEngine(child);
            case "set" -> readSet(child);
            case "index-type", "sindex-type" -> readIndexType(child);
            case "geo2dsphere-within" -> {
                claimOnce("stanza geo2dsphere-within", child.line(), "'geo2dsphere-within'");
                requireNoArgument(child);
                IgnoredStanzaReader.read(child, SettingTables.GEO2DSPHERE, where() + " geo2dsphere-within", context);
            }
            default -> throw unknownStanza(child);
        }
    }

    @Override
    protected void readBareStanza(Entry.Setting entry) throws ConfigException {
        List<String> values = entry.values();
        boolean oneValue = values.size() == 1;
        if (entry.name().equals("storage-engine") && oneValue && values.getFirst().equals("memory")) {
            claimOnce("stanza storage-engine", entry.line(), "'storage-engine'");
            storage = MemoryStorageReader.bare(entry, where() + " storage-engine memory", context);
        } else if (isIndexType(entry.name()) && oneValue && values.getFirst().equals("shmem")) {
            claimOnce("stanza " + entry.name(), entry.line(), "'" + entry.name() + "'");
            context.noEffect(entry.name());
        } else {
            super.readBareStanza(entry);
        }
    }

    private static boolean isIndexType(String name) {
        return name.equals("index-type") || name.equals("sindex-type");
    }

    private void readStorageEngine(Entry.Stanza child) throws ConfigException {
        claimOnce("stanza storage-engine", child.line(), "'storage-engine'");
        String engine = requireOneArgument(child, "an engine: memory or device");
        String engineWhere = where() + " storage-engine " + engine;
        storage = switch (engine) {
            case "memory" -> MemoryStorageReader.read(child, engineWhere, context);
            case "device" -> DeviceStorageReader.read(child, engineWhere, context);
            case "pmem" -> throw error(child.line(), "'storage-engine pmem' is not supported yet: use memory or"
                    + " device");
            default -> throw error(child.line(), "'storage-engine' must be memory or device, not "
                    + ValueSyntax.quote(engine));
        };
    }

    private void readSet(Entry.Stanza child) throws ConfigException {
        NamespaceConfig.SetConfig set = SetReader.read(child, where(), context);
        Integer first = setLines.putIfAbsent(set.name(), child.line());
        if (first != null) {
            throw error(child.line(), "set " + ValueSyntax.quote(set.name()) + " is given twice " + in()
                    + " (first on line " + first + ")");
        }
        if (sets.size() == ConfigLimits.SETS_PER_NAMESPACE_MAX) {
            throw error(child.line(), "too many sets " + in() + ": at most " + ConfigLimits.SETS_PER_NAMESPACE_MAX);
        }
        sets.add(set);
    }

    /** {@code index-type} and {@code sindex-type}: where indexes live; TernDB keeps them in memory. */
    private void readIndexType(Entry.Stanza child) throws ConfigException {
        claimOnce("stanza " + child.name(), child.line(), "'" + child.name() + "'");
        String type = requireOneArgument(child, "a type: shmem, pmem or flash");
        switch (type) {
            case "shmem" -> {
                if (!child.entries().isEmpty()) {
                    throw error(child.line(), "'" + child.name() + " shmem' takes no settings");
                }
                context.noEffect(child.name());
            }
            case "pmem", "flash" -> {
                if (child.name().equals("index-type")) {
                    indexMount = readIndexMount(child);
                } else {
                    IgnoredStanzaReader.read(child, SettingTables.INDEX_TYPE, where() + " " + child.header(), context);
                }
            }
            default -> throw error(child.line(), "'" + child.name() + "' must be shmem, pmem or flash, not "
                    + ValueSyntax.quote(type));
        }
    }

    /**
     * {@code index-type pmem|flash { mount PATH }}: TernDB memory-maps a device namespace's index in files under
     * the one mount, so it survives restarts (warm restart) like the original's persistent-memory index. Without a
     * mount the index stays in shared memory, the default.
     */
    private Entry.Setting readIndexMount(Entry.Stanza child) throws ConfigException {
        Entry.Setting mount = null;
        List<Entry> others = new ArrayList<>();
        for (Entry entry : child.entries()) {
            if (entry instanceof Entry.Setting setting && setting.name().equals("mount")) {
                if (mount != null || setting.values().size() != 1) {
                    throw error(setting.line(), "TernDB maps the index under exactly one 'mount PATH'");
                }
                mount = setting;
            } else {
                others.add(entry);
            }
        }
        // Every other setting is checked against the original's table (and has no effect here).
        IgnoredStanzaReader.read(new Entry.Stanza(child.name(), child.arguments(), child.line(), others),
                SettingTables.INDEX_TYPE, where() + " " + child.header(), context);
        return mount;
    }

    private NamespaceConfig build(Entry.Stanza stanza) throws ConfigException {
        if (storage == null) {
            throw error(stanza.line(), "namespace " + name + " needs a 'storage-engine memory { ... }' or"
                    + " 'storage-engine device { ... }'");
        }
        StorageConfig built = storage.build(
                new LegacySettings(memorySize, highWaterMemoryPct, stopWritesPct, highWaterDiskPct));
        if (indexMount != null) {
            if (!(built instanceof StorageConfig.Device device)) {
                context.noEffect("index-type " + "mount");
            } else {
                built = device.withIndexMount(indexMount.values().getFirst());
            }
        }
        long ttl = Given.orElse(defaultTtlSeconds, 0);
        if (ttl != 0 && nsupPeriodSeconds == 0 && !allowTtlWithoutNsup) {
            throw error(defaultTtlSeconds.line(), "default-ttl requires nsup-period or allow-ttl-without-nsup:"
                    + " namespace " + name + " has default-ttl " + ttl + " s and nsup-period 0, so nothing would"
                    + " expire records; set 'nsup-period' (e.g. 120) or 'allow-ttl-without-nsup true'");
        }
        int recordBytes = Math.toIntExact(Given.orElse(maxRecordBytes, NamespaceConfig.MAX_RECORD_BYTES_DEFAULT));
        if (built instanceof StorageConfig.Device device && recordBytes > device.writeBlockBytes()) {
            int line = maxRecordBytes != null ? maxRecordBytes.line() : stanza.line();
            throw error(line, "max-record-size (" + ValueSyntax.describeBytes(recordBytes) + ") must not exceed the"
                    + " write block (" + ValueSyntax.describeBytes(device.writeBlockBytes()) + ") " + in());
        }
        return new NamespaceConfig(name, replicationFactor, ttl, nsupPeriodSeconds, allowTtlWithoutNsup,
                recordBytes, built, sets, new NamespaceConfig.Distribution(rackId, preferUniformBalance,
                        conflictResolution, writeCommitLevel, readDuplicates));
    }
}
