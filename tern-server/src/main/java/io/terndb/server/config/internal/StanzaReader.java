package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the entries of one stanza against its {@link SettingTable}: refuses unknown, misplaced, obsolete,
 * unsupported and repeated settings, checks values, reports settings without effect, and hands the applied ones to
 * {@link #apply}. Subclasses read their sub-stanzas and build their record.
 *
 * @param <S> the enum listing the stanza's settings
 */
abstract class StanzaReader<S extends Enum<S> & SettingRule> {

    protected final ParseContext context;
    private final SettingTable<S> table;
    private final String where;
    private final boolean reportsNoEffect;
    // First line of each non-repeatable setting or single sub-stanza, to name it when it comes again.
    private final Map<String, Integer> firstLines = new HashMap<>();

    /**
     * @param where how messages name this stanza, e.g. {@code namespace test}; empty for the file's top level
     */
    protected StanzaReader(ParseContext context, SettingTable<S> table, String where) {
        this(context, table, where, true);
    }

    /**
     * @param reportsNoEffect false for stanzas that report themselves as a whole rather than setting by setting
     */
    protected StanzaReader(ParseContext context, SettingTable<S> table, String where, boolean reportsNoEffect) {
        this.context = context;
        this.table = table;
        this.where = where;
        this.reportsNoEffect = reportsNoEffect;
    }

    protected final void readEntries(Entry.Stanza stanza) throws ConfigException {
        for (Entry entry : stanza.entries()) {
            switch (entry) {
                case Entry.Setting setting -> readSetting(setting);
                case Entry.Stanza child -> readStanza(child);
            }
        }
    }

    /** Takes one applied setting; its value has been checked against its {@link ValueKind}. */
    protected abstract void apply(S setting, Value value, Entry.Setting entry) throws ConfigException;

    /** Reads a sub-stanza. The default refuses it, for stanzas that hold none. */
    protected void readStanza(Entry.Stanza child) throws ConfigException {
        throw unknownStanza(child);
    }

    /**
     * Reads a line that names a sub-stanza but has no block, such as the 6.x {@code storage-engine memory}. The
     * default refuses it.
     */
    protected void readBareStanza(Entry.Setting entry) throws ConfigException {
        throw error(entry.line(), "'" + entry.name() + "' " + in() + " needs a '{ ... }' block");
    }

    /** {@code in namespace test}, or {@code at the top level}. */
    protected final String in() {
        return where.isEmpty() ? "at the top level" : "in " + where;
    }

    protected final String where() {
        return where;
    }

    protected final ConfigException error(int line, String reason) {
        return context.error(line, reason);
    }

    /** Refuses a second occurrence of {@code key} in this stanza, naming the line of the first. */
    protected final void claimOnce(String key, int line, String description) throws ConfigException {
        Integer first = firstLines.putIfAbsent(key, line);
        if (first != null) {
            throw error(line, description + " is given twice " + in() + " (first on line " + first + ")");
        }
    }

    protected final ConfigException unknownStanza(Entry.Stanza child) {
        String name = ValueSyntax.quote(child.name());
        if (table.find(child.name()) != null) {
            return error(child.line(), name + " " + in() + " is a setting and takes no '{ ... }' block");
        }
        return error(child.line(), "unknown stanza " + name + " " + in()
                + SettingTables.stanzaHint(child.name(), table));
    }

    protected final void requireNoArgument(Entry.Stanza stanza) throws ConfigException {
        if (!stanza.arguments().isEmpty()) {
            throw error(stanza.line(), "'" + stanza.name() + "' takes no argument, not "
                    + ValueSyntax.quote(String.join(" ", stanza.arguments())));
        }
    }

    /** Returns the stanza's one argument, refusing none or several; {@code what} is e.g. {@code a name}. */
    protected final String requireOneArgument(Entry.Stanza stanza, String what) throws ConfigException {
        if (stanza.arguments().isEmpty()) {
            throw error(stanza.line(), "'" + stanza.name() + "' needs " + what);
        }
        if (stanza.arguments().size() > 1) {
            throw error(stanza.line(), "'" + stanza.name() + "' takes one argument, not "
                    + ValueSyntax.quote(String.join(" ", stanza.arguments())));
        }
        return stanza.arguments().getFirst();
    }

    private void readSetting(Entry.Setting entry) throws ConfigException {
        String name = entry.name();
        if (table.holdsStanza(name)) {
            readBareStanza(entry);
            return;
        }
        S setting = table.find(name);
        if (setting == null) {
            String hint = SettingTables.settingHint(name, table);
            if (hint.isEmpty()) {
                hint = SettingTables.stanzaHint(name, table);
            }
            throw error(entry.line(), "unknown setting " + ValueSyntax.quote(name) + " " + in() + hint);
        }
        Rule rule = setting.rule();
        switch (rule.effect()) {
            case OBSOLETE -> throw error(entry.line(), "'" + name + "' is obsolete: " + rule.hint());
            case UNSUPPORTED -> throw error(entry.line(), "'" + name + "' is not supported yet: " + rule.hint());
            case APPLIES, NO_EFFECT -> {
            }
        }
        if (!rule.repeatable()) {
            claimOnce(name, entry.line(), "'" + name + "'");
        }
        Value value = ValueChecker.check(entry, rule.kind(), context);
        if (rule.effect() == Effect.APPLIES) {
            apply(setting, value, entry);
        } else if (reportsNoEffect) {
            context.noEffect(name);
        }
    }
}
