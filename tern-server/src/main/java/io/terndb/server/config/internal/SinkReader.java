package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.LoggingConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one logging sink, {@code console { ... }} or {@code file PATH { ... }}: lines of {@code context CONTEXT
 * LEVEL}. TernDB logs at the level of context {@code any}; the other contexts are checked and reported as having no
 * effect.
 */
final class SinkReader extends StanzaReader<LoggingSinkSetting> {

    static final List<String> LEVELS = List.of("critical", "warning", "info", "debug", "detail");
    /** The original's default for every context of a sink. */
    static final String LEVEL_DEFAULT = "critical";
    /** The logging contexts of Aerospike 8.x. */
    static final Set<String> CONTEXTS = Set.of("misc", "alloc", "arenax", "hardware", "msg", "os", "secrets",
            "socket", "tls", "vault", "vmapx", "xmem", "aggr", "appeal", "as", "audit", "batch", "batch-sub", "bin",
            "config", "clustering", "deprecation", "drv-mem", "drv_pmem", "drv_ssd", "exchange", "exp", "fabric",
            "flat", "geo", "hb", "health", "hlc", "index", "info", "info-command", "key-busy", "migrate", "mrt-audit",
            "mrt-monitor", "namespace", "nsup", "particle", "partition", "proto", "proxy", "proxy-divert", "query",
            "record", "roster", "rw", "rw-client", "security", "service", "service-list", "sindex", "skew", "smd",
            "storage", "truncate", "tsvc", "udf", "xdr", "xdr-client", "masking");

    private String anyLevel;

    private SinkReader(ParseContext context, String where) {
        super(context, SettingTables.LOGGING_SINK, where);
    }

    /** @param file the log file, or {@code null} for the console */
    static LoggingConfig.Sink read(Entry.Stanza stanza, Path file, String where, ParseContext context)
            throws ConfigException {
        SinkReader reader = new SinkReader(context, where);
        reader.readEntries(stanza);
        return new LoggingConfig.Sink(file, reader.anyLevel == null ? LEVEL_DEFAULT : reader.anyLevel);
    }

    @Override
    protected void apply(LoggingSinkSetting setting, Value value, Entry.Setting entry) throws ConfigException {
        String logContext = value.asWords().get(0).toLowerCase(Locale.ROOT);
        String level = value.asWords().get(1).toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(level)) {
            throw error(entry.line(), "logging level must be " + ValueChecker.alternatives(LEVELS) + ", not "
                    + ValueSyntax.quote(value.asWords().get(1)));
        }
        if (logContext.equals("any")) {
            claimOnce("context any", entry.line(), "'context any'");
            anyLevel = level;
        } else if (CONTEXTS.contains(logContext)) {
            context.notice("config: logging context '" + logContext + "' is accepted and has no effect in TernDB");
        } else {
            throw error(entry.line(), "unknown logging context " + ValueSyntax.quote(value.asWords().get(0)));
        }
    }
}
