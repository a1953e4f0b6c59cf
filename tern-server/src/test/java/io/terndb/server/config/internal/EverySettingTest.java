package io.terndb.server.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.server.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every setting of every table, written in its own stanza with a valid value, is accepted (or refused, for obsolete
 * and unsupported ones): no table entry lacks a reader, and no value kind refuses its own limits.
 */
class EverySettingTest {

    private static final String NAMESPACE = "namespace test {\nnsup-period 120\n"
            + "storage-engine memory {\ndata-size 1G\n}\n}\n";

    /** Where a table's settings go: {@code %s} is replaced by the base lines and the setting under test. */
    private record Place(String template, List<String> baseLines, boolean reportsEachSetting) {
    }

    private static final Map<SettingTable<?>, Place> PLACES = Map.ofEntries(
            Map.entry(SettingTables.SERVICE, place("service {\n%s\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.LOGGING_SINK, place("logging {\nconsole {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.SYSLOG, quietPlace("logging {\nsyslog {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.NETWORK_SERVICE, place("network {\nservice {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.ADMIN, place("network {\nadmin {\n%s\n}\n}\n" + NAMESPACE, "port 3008")),
            Map.entry(SettingTables.HEARTBEAT,
                    place("network {\nheartbeat {\n%s\n}\n}\n" + NAMESPACE, "mode mesh")),
            Map.entry(SettingTables.FABRIC, place("network {\nfabric {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.INFO, place("network {\ninfo {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.TLS, quietPlace("network {\ntls tls1 {\n%s\n}\n}\n" + NAMESPACE)),
            Map.entry(SettingTables.NAMESPACE, place("namespace test {\n%s\n}\n", "nsup-period 120",
                    "storage-engine memory {\ndata-size 1G\n}")),
            Map.entry(SettingTables.MEMORY,
                    place("namespace test {\nstorage-engine memory {\n%s\n}\n}\n", "data-size 1G")),
            Map.entry(SettingTables.DEVICE, place("namespace test {\nstorage-engine device {\n%s\n}\n}\n",
                    "file /data/base.dat", "filesize 1G")),
            Map.entry(SettingTables.SET, place("namespace test {\nnsup-period 120\nset s1 {\n%s\n}\n"
                    + "storage-engine memory {\ndata-size 1G\n}\n}\n")),
            Map.entry(SettingTables.INDEX_TYPE, quietPlace("namespace test {\nindex-type flash {\n%s\n}\n"
                    + "storage-engine memory {\ndata-size 1G\n}\n}\n")),
            Map.entry(SettingTables.GEO2DSPHERE, quietPlace("namespace test {\ngeo2dsphere-within {\n%s\n}\n"
                    + "storage-engine memory {\ndata-size 1G\n}\n}\n")),
            Map.entry(SettingTables.MOD_LUA, quietPlace("mod-lua {\n%s\n}\n" + NAMESPACE)));

    /** Values that the minimum of the kind would not do, because of a relation with another setting. */
    private static final Map<String, String> VALUES = Map.of(
            "network heartbeat interval", "150",
            "network heartbeat timeout", "10",
            "a logging console or file context", "any info",
            "namespace memory-size", "1G");

    @TestFactory
    Stream<DynamicTest> everyKnownSettingIsAcceptedOrRefusedAsItsTableSays() {
        List<DynamicTest> tests = new ArrayList<>();
        PLACES.forEach((table, place) -> {
            for (SettingRule setting : settingsOf(table)) {
                tests.add(DynamicTest.dynamicTest(table.label() + " " + setting.settingName(),
                        () -> check(table, place, setting)));
            }
        });
        return tests.stream();
    }

    private static void check(SettingTable<?> table, Place place, SettingRule setting) throws ConfigException {
        String text = configWith(table, place, setting);
        String name = setting.settingName();
        switch (setting.rule().effect()) {
            case OBSOLETE -> assertRefused(text, "'" + name + "' is obsolete");
            case UNSUPPORTED -> assertRefused(text, "'" + name + "' is not supported yet");
            case NO_EFFECT -> {
                List<String> notices = ConfigReader.read(text, "test.conf", null).notices();
                if (place.reportsEachSetting()) {
                    assertThat(notices).contains("config: '" + name + "' is accepted and has no effect in TernDB");
                }
            }
            case APPLIES -> {
                if (table == SettingTables.MEMORY && name.equals("flush-size")) {
                    assertRefused(text, "'flush-size' needs storage backing");
                } else {
                    assertThat(ConfigReader.read(text, "test.conf", null).config()).isNotNull();
                }
            }
        }
    }

    private static String configWith(SettingTable<?> table, Place place, SettingRule setting) {
        String name = setting.settingName();
        List<String> lines = new ArrayList<>();
        for (String base : place.baseLines()) {
            boolean replaced = base.startsWith(name + " ")
                    || (table == SettingTables.DEVICE && name.equals("device") && base.startsWith("file "))
                    || (name.equals("memory-size") && base.startsWith("storage-engine memory {"));
            lines.add(replaced && name.equals("memory-size") ? "storage-engine memory" : replaced ? "" : base);
        }
        String value = setting.rule().kind() == null ? "1" : sampleValue(table, setting);
        lines.add(name + " " + value);
        return place.template().formatted(String.join("\n", lines));
    }

    private static String sampleValue(SettingTable<?> table, SettingRule setting) {
        String special = VALUES.get(table.label() + " " + setting.settingName());
        if (special != null) {
            return special;
        }
        return switch (setting.rule().kind()) {
            case ValueKind.Flag flag -> "false";
            case ValueKind.Unsigned unsigned -> Long.toString(unsigned.min());
            case ValueKind.PowerOfTwo power -> Long.toString(power.min());
            case ValueKind.Seconds seconds -> Long.toString(seconds.min());
            case ValueKind.Signed signed -> Long.toString(signed.min());
            case ValueKind.Hex hex -> Long.toHexString(hex.minUnsigned());
            case ValueKind.Text text -> "/x";
            case ValueKind.Choice choice -> choice.choices().getLast();
            case ValueKind.Port port -> "4000";
            case ValueKind.HostPort hostPort -> "10.0.0.1 3002";
            case ValueKind.Words words -> String.join(" ", List.of("/w1", "/w2", "/w3").subList(0, words.min()));
        };
    }

    private static void assertRefused(String text, String reason) {
        assertThatThrownBy(() -> ConfigReader.read(text, "test.conf", null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(reason);
    }

    private static List<SettingRule> settingsOf(SettingTable<?> table) {
        List<SettingRule> settings = new ArrayList<>();
        for (SettingRule setting : allSettings()) {
            if (table.find(setting.settingName()) == setting) {
                settings.add(setting);
            }
        }
        return settings;
    }

    private static List<SettingRule> allSettings() {
        List<SettingRule> all = new ArrayList<>();
        Stream.of(ServiceSetting.values(), LoggingSinkSetting.values(), SyslogSetting.values(),
                NetworkServiceSetting.values(), AdminSetting.values(), HeartbeatSetting.values(),
                FabricSetting.values(), InfoSetting.values(), TlsSetting.values(), NamespaceSetting.values(),
                MemoryStorageSetting.values(), DeviceStorageSetting.values(), SetSetting.values(),
                IndexTypeSetting.values(), Geo2dsphereSetting.values(), ModLuaSetting.values())
                .forEach(values -> all.addAll(List.of(values)));
        return all;
    }

    private static Place place(String template, String... baseLines) {
        return new Place(template, List.of(baseLines), true);
    }

    private static Place quietPlace(String template) {
        return new Place(template, List.of(), false);
    }
}
