package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;

/**
 * Reads a stanza TernDB accepts and does not use ({@code mod-lua}, {@code network tls}, {@code logging syslog},
 * index placement): every setting is still checked like the original checks it, and the stanza is reported once.
 */
final class IgnoredStanzaReader<S extends Enum<S> & SettingRule> extends StanzaReader<S> {

    private IgnoredStanzaReader(ParseContext context, SettingTable<S> table, String where) {
        super(context, table, where, false);
    }

    static <S extends Enum<S> & SettingRule> void read(Entry.Stanza stanza, SettingTable<S> table, String where,
            ParseContext context) throws ConfigException {
        new IgnoredStanzaReader<>(context, table, where).readEntries(stanza);
        context.stanzaNoEffect(stanza.name());
    }

    @Override
    protected void apply(S setting, Value value, Entry.Setting entry) {
        throw new IllegalStateException(setting.settingName() + " applies in a stanza read as having no effect");
    }
}
