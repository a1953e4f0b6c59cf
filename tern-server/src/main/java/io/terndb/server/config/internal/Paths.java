package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Turns a setting's value into a {@link Path}, refusing what the platform cannot name (a NUL byte, say). */
final class Paths {

    private Paths() {
    }

    static Path of(Entry.Setting entry, String text, ParseContext context) throws ConfigException {
        return of(entry.name(), entry.line(), text, context);
    }

    static Path of(String name, int line, String text, ParseContext context) throws ConfigException {
        try {
            return Path.of(text);
        } catch (InvalidPathException invalid) {
            throw context.error(line, "'" + name + "' is not a valid path: " + ValueSyntax.quote(text)
                    + " (" + invalid.getReason() + ")");
        }
    }
}
