package io.terndb.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.core.FileAppender;
import io.terndb.server.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/** Applies the {@code logging} stanza: the level of context {@code any}, and a file sink where one is configured. */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(LoggingConfig logging) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level finest = Level.OFF;
        boolean console = false;
        for (LoggingConfig.Sink sink : logging.sinks()) {
            Level level = level(sink.level());
            if (level.toInt() < finest.toInt()) {
                finest = level;
            }
            if (sink.file() == null) {
                console = true;
            } else {
                root.addAppender(fileAppender(context, sink));
            }
        }
        if (!console) {
            root.detachAppender("console");
        }
        root.setLevel(logging.sinks().isEmpty() ? Level.INFO : finest);
    }

    private static FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> fileAppender(LoggerContext context,
            LoggingConfig.Sink sink) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{MMM dd yyyy HH:mm:ss.SSS} %-5level [%thread] %logger{0}: %msg%n");
        encoder.start();
        FileAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("file:" + sink.file());
        appender.setFile(sink.file().toString());
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    /** The original's levels: critical, warning, info, debug, detail. */
    static Level level(String name) {
        return switch (name) {
            case "critical" -> Level.ERROR;
            case "warning" -> Level.WARN;
            case "debug" -> Level.DEBUG;
            case "detail" -> Level.TRACE;
            default -> Level.INFO;
        };
    }
}
