package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.List;

/** Reads the text of an Aerospike-format file into a {@link ServerConfig}: the syntax pass, then the readers. */
public final class ConfigReader {

    private ConfigReader() {
    }

    /**
     * The configuration and the notices to log about settings that were accepted without effect.
     *
     * @param notices one line each, in file order, each given once
     */
    public record Result(ServerConfig config, List<String> notices) {
        public Result {
            notices = List.copyOf(notices);
        }
    }

    public static Result read(String text, String sourceName, Path source) throws ConfigException {
        ParseContext context = new ParseContext(sourceName);
        Entry.Stanza file = SyntaxParser.parse(text, context);
        ServerConfig config = TopLevelReader.read(file, lastLine(text), source, context);
        return new Result(config, context.notices());
    }

    /** The number of the last line that has text, or 1 for an empty file. */
    private static int lastLine(String text) {
        int lines = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n' && i + 1 < text.length()) {
                lines++;
            }
        }
        return lines;
    }
}
