package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.NamespaceConfig;
import java.nio.charset.StandardCharsets;

/** Reads {@code set NAME { ... }} inside a namespace. */
final class SetReader extends StanzaReader<SetSetting> {

    /** {@link NamespaceConfig.SetConfig#defaultTtlSeconds()} when the set does not override the namespace's. */
    static final long DEFAULT_TTL_NOT_SET = -1;

    private long defaultTtlSeconds = DEFAULT_TTL_NOT_SET;

    private SetReader(ParseContext context, String where) {
        super(context, SettingTables.SET, where);
    }

    static NamespaceConfig.SetConfig read(Entry.Stanza stanza, String namespaceWhere, ParseContext context)
            throws ConfigException {
        SetReader reader = new SetReader(context, namespaceWhere + " set " + String.join(" ", stanza.arguments()));
        String name = reader.requireOneArgument(stanza, "a name");
        int nameBytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (nameBytes > ConfigLimits.SET_NAME_BYTES_MAX) {
            throw context.error(stanza.line(), "set name must be at most " + ConfigLimits.SET_NAME_BYTES_MAX
                    + " bytes long, not " + nameBytes + ": " + ValueSyntax.quote(name));
        }
        reader.readEntries(stanza);
        return new NamespaceConfig.SetConfig(name, reader.defaultTtlSeconds);
    }

    @Override
    protected void apply(SetSetting setting, Value value, Entry.Setting entry) {
        if (setting != SetSetting.DEFAULT_TTL) {
            throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
        // The file says 0 for "as the namespace" and -1 for "never expire"; the record says -1 for "as the
        // namespace" and, like the namespace's own default-ttl, 0 for "never expire".
        long seconds = value.asLong();
        if (seconds == 0) {
            defaultTtlSeconds = DEFAULT_TTL_NOT_SET;
        } else if (seconds == ValueKind.Seconds.NEVER) {
            defaultTtlSeconds = 0;
        } else {
            defaultTtlSeconds = seconds;
        }
    }
}
