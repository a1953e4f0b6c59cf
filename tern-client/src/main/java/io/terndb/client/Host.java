package io.terndb.client;

/** A server address: host name or IP, and the service port. */
public record Host(String name, int port) {

    public static final int DEFAULT_PORT = 3000;

    public Host {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("host name=" + name);
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port=" + port + " (1 to 65535)");
        }
    }

    /** Parses {@code host}, {@code host:port} or {@code [ipv6]:port}, with {@code defaultPort} when none is given. */
    public static Host parse(String text, int defaultPort) {
        String trimmed = text.strip();
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("host=" + text + " (unclosed '[')");
            }
            String rest = trimmed.substring(close + 1);
            return new Host(trimmed.substring(1, close), rest.startsWith(":") ? port(text, rest.substring(1))
                    : defaultPort);
        }
        int colon = trimmed.lastIndexOf(':');
        if (colon < 0) {
            return new Host(trimmed, defaultPort);
        }
        return new Host(trimmed.substring(0, colon), port(text, trimmed.substring(colon + 1)));
    }

    private static int port(String text, String port) {
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("host=" + text + " (port is not a number)", e);
        }
    }

    @Override
    public String toString() {
        return name.indexOf(':') >= 0 ? "[" + name + "]:" + port : name + ":" + port;
    }
}
