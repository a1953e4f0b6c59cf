package io.terndb.server.config.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names one kind of stanza understands: its settings, from an enum of {@link SettingRule}s, and the names of the
 * stanzas it may hold.
 *
 * @param <S> the enum listing the settings
 */
final class SettingTable<S extends Enum<S> & SettingRule> {

    private final String label;
    private final Map<String, S> settingsByName = new HashMap<>();
    private final List<String> stanzaNames;

    /**
     * @param label       how hints name this kind of stanza, e.g. {@code network heartbeat}
     * @param settings    the enum's {@code values()}
     * @param stanzaNames the sub-stanzas it may hold
     */
    SettingTable(String label, S[] settings, List<String> stanzaNames) {
        this.label = label;
        this.stanzaNames = List.copyOf(stanzaNames);
        for (S setting : settings) {
            S previous = settingsByName.put(setting.settingName(), setting);
            if (previous != null) {
                throw new IllegalStateException(label + " lists '" + setting.settingName() + "' twice");
            }
        }
    }

    String label() {
        return label;
    }

    /** The setting of that name, or {@code null}. */
    S find(String name) {
        return settingsByName.get(name);
    }

    boolean holdsStanza(String name) {
        return stanzaNames.contains(name);
    }
}
