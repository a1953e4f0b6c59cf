package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.LoggingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code logging { console { ... } file PATH { ... } syslog { ... } }}. */
final class LoggingReader extends StanzaReader<NoSetting> {

    private final List<LoggingConfig.Sink> sinks = new ArrayList<>();
    private int sinkCount;

    private LoggingReader(ParseContext context) {
        super(context, SettingTables.LOGGING, "logging");
    }

    static LoggingConfig read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        LoggingReader reader = new LoggingReader(context);
        reader.requireNoArgument(stanza);
        reader.readEntries(stanza);
        return new LoggingConfig(reader.sinks);
    }

    @Override
    protected void apply(NoSetting setting, Value value, Entry.Setting entry) {
        throw new IllegalStateException("logging has no settings");
    }

    @Override
    protected void readStanza(Entry.Stanza child) throws ConfigException {
        switch (child.name()) {
            case "console" -> {
                countSink(child);
                requireNoArgument(child);
                sinks.add(SinkReader.read(child, null, "logging console", context));
            }
            case "file" -> {
                countSink(child);
                String pathText = requireOneArgument(child, "the path of the log file");
                Path path = Paths.of("file", child.line(), pathText, context);
                sinks.add(SinkReader.read(child, path, "logging file " + pathText, context));
            }
            case "syslog" -> {
                countSink(child);
                requireNoArgument(child);
                IgnoredStanzaReader.read(child, SettingTables.SYSLOG, "logging syslog", context);
            }
            default -> throw unknownStanza(child);
        }
    }

    private void countSink(Entry.Stanza child) throws ConfigException {
        if (++sinkCount > ConfigLimits.LOGGING_SINKS_MAX) {
            throw error(child.line(), "too many logging sinks: at most " + ConfigLimits.LOGGING_SINKS_MAX);
        }
    }
}
