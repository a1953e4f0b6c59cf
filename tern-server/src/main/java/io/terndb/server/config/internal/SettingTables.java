package io.terndb.server.config.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Every stanza kind of an Aerospike 8.x file and what it holds, so that a name used in the wrong place is reported
 * with where it belongs.
 */
final class SettingTables {

    static final SettingTable<NoSetting> TOP_LEVEL = new SettingTable<>("the top level", NoSetting.values(),
            List.of("service", "logging", "network", "namespace", "mod-lua", "security", "xdr"));
    static final SettingTable<ServiceSetting> SERVICE =
            new SettingTable<>("service", ServiceSetting.values(), List.of());
    static final SettingTable<NoSetting> LOGGING =
            new SettingTable<>("logging", NoSetting.values(), List.of("console", "file", "syslog"));
    static final SettingTable<LoggingSinkSetting> LOGGING_SINK =
            new SettingTable<>("a logging console or file", LoggingSinkSetting.values(), List.of());
    static final SettingTable<SyslogSetting> SYSLOG =
            new SettingTable<>("logging syslog", SyslogSetting.values(), List.of());
    static final SettingTable<NoSetting> NETWORK = new SettingTable<>("network", NoSetting.values(),
            List.of("service", "admin", "heartbeat", "fabric", "info", "tls"));
    static final SettingTable<NetworkServiceSetting> NETWORK_SERVICE =
            new SettingTable<>("network service", NetworkServiceSetting.values(), List.of());
    static final SettingTable<AdminSetting> ADMIN =
            new SettingTable<>("network admin", AdminSetting.values(), List.of());
    static final SettingTable<HeartbeatSetting> HEARTBEAT =
            new SettingTable<>("network heartbeat", HeartbeatSetting.values(), List.of());
    static final SettingTable<FabricSetting> FABRIC =
            new SettingTable<>("network fabric", FabricSetting.values(), List.of());
    static final SettingTable<InfoSetting> INFO = new SettingTable<>("network info", InfoSetting.values(), List.of());
    static final SettingTable<TlsSetting> TLS = new SettingTable<>("network tls", TlsSetting.values(), List.of());
    static final SettingTable<NamespaceSetting> NAMESPACE = new SettingTable<>("namespace", NamespaceSetting.values(),
            List.of("storage-engine", "set", "index-type", "sindex-type", "geo2dsphere-within"));
    static final SettingTable<MemoryStorageSetting> MEMORY =
            new SettingTable<>("storage-engine memory", MemoryStorageSetting.values(), List.of());
    static final SettingTable<DeviceStorageSetting> DEVICE =
            new SettingTable<>("storage-engine device", DeviceStorageSetting.values(), List.of());
    static final SettingTable<SetSetting> SET = new SettingTable<>("set", SetSetting.values(), List.of());
    static final SettingTable<IndexTypeSetting> INDEX_TYPE =
            new SettingTable<>("index-type or sindex-type", IndexTypeSetting.values(), List.of());
    static final SettingTable<Geo2dsphereSetting> GEO2DSPHERE =
            new SettingTable<>("geo2dsphere-within", Geo2dsphereSetting.values(), List.of());
    static final SettingTable<ModLuaSetting> MOD_LUA =
            new SettingTable<>("mod-lua", ModLuaSetting.values(), List.of());

    private static final List<SettingTable<?>> ALL = List.of(TOP_LEVEL, SERVICE, LOGGING, LOGGING_SINK, SYSLOG,
            NETWORK, NETWORK_SERVICE, ADMIN, HEARTBEAT, FABRIC, INFO, TLS, NAMESPACE, MEMORY, DEVICE, SET, INDEX_TYPE,
            GEO2DSPHERE, MOD_LUA);

    private SettingTables() {
    }

    /** {@code " (it is a setting of namespace)"} when another stanza knows the setting, otherwise empty. */
    static String settingHint(String name, SettingTable<?> current) {
        List<String> owners = new ArrayList<>();
        for (SettingTable<?> table : ALL) {
            if (table != current && table.find(name) != null) {
                owners.add(table.label());
            }
        }
        return owners.isEmpty() ? "" : " (it is a setting of " + ValueChecker.alternatives(owners) + ")";
    }

    /** {@code " (it belongs in network)"} when another stanza holds a stanza of that name, otherwise empty. */
    static String stanzaHint(String name, SettingTable<?> current) {
        List<String> owners = new ArrayList<>();
        for (SettingTable<?> table : ALL) {
            if (table != current && table.holdsStanza(name)) {
                owners.add(table.label());
            }
        }
        return owners.isEmpty() ? "" : " (it belongs in " + ValueChecker.alternatives(owners) + ")";
    }
}
