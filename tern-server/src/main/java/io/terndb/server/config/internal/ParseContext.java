package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What every reader shares while one file is read: the file's name for error messages and the notices to log once
 * the whole file has been accepted.
 */
public final class ParseContext {

    private final String sourceName;
    // Ordered and de-duplicated: a setting repeated in ten namespaces is reported once, in file order.
    private final Set<String> notices = new LinkedHashSet<>();

    public ParseContext(String sourceName) {
        this.sourceName = sourceName;
    }

    public String sourceName() {
        return sourceName;
    }

    public ConfigException error(int line, String reason) {
        return new ConfigException(sourceName, line, reason);
    }

    /** Records that a known Aerospike setting was accepted although TernDB does nothing with it. */
    public void noEffect(String settingName) {
        notice("config: '" + settingName + "' is accepted and has no effect in TernDB");
    }

    /** Records that a whole known stanza was accepted although TernDB does nothing with it. */
    public void stanzaNoEffect(String stanzaName) {
        notice("config: stanza '" + stanzaName + "' is accepted and has no effect in TernDB");
    }

    public void notice(String text) {
        notices.add(text);
    }

    public List<String> notices() {
        return new ArrayList<>(notices);
    }
}
