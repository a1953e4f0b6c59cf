package io.terndb.server.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The {@code logging { ... }} stanza: sinks ({@code console} or {@code file PATH}), each with
 * {@code context CONTEXT LEVEL} lines. TernDB maps the level of context {@code any} to its root log level.
 */
public record LoggingConfig(List<Sink> sinks) {

    public LoggingConfig {
        sinks = List.copyOf(sinks);
    }

    /**
     * @param file  the log file, or {@code null} for the console
     * @param level the level of context {@code any}: critical, warning, info, debug or detail
     */
    public record Sink(Path file, String level) {
    }

    public static LoggingConfig consoleInfo() {
        return new LoggingConfig(List.of(new Sink(null, "info")));
    }
}
