package io.terndb.server.config;

/**
 * A configuration file that TernDB refuses to start with. The message is {@code FILE:LINE: reason}, the form editors
 * and terminals turn into a link, for example {@code /etc/aerospike/aerospike.conf:12: unknown setting 'foo' in
 * namespace test}.
 *
 * <p>Line numbers count from 1. Line 0 means the problem concerns the whole file (it cannot be read, for example),
 * and the message is then {@code FILE: reason}.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String fileName;
    private final int line;
    private final String reason;

    public ConfigException(String fileName, int line, String reason) {
        this(fileName, line, reason, null);
    }

    public ConfigException(String fileName, int line, String reason, Throwable cause) {
        super(format(fileName, line, reason), cause);
        if (line < 0) {
            throw new IllegalArgumentException("line=" + line);
        }
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    /** The file as it was named to the parser (a path, or a name such as {@code embedded default.conf}). */
    public String fileName() {
        return fileName;
    }

    /** The 1-based line the problem was found on, or 0 when it concerns the whole file. */
    public int line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }

    private static String format(String fileName, int line, String reason) {
        return line == 0 ? fileName + ": " + reason : fileName + ":" + line + ": " + reason;
    }
}
