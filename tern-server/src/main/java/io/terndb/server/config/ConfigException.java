package io.terndb.server.config;

/** A configuration file that cannot be served: names the file, the line and the reason. */
public final class ConfigException extends Exception {

    private final String fileName;
    private final int line;
    private final String reason;

    public ConfigException(String fileName, int line, String reason) {
        super(fileName + ":" + line + ": " + reason);
        this.fileName = fileName;
        this.line = line;
        this.reason = reason;
    }

    public String fileName() {
        return fileName;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
