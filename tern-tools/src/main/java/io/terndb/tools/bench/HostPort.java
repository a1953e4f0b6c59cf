package io.terndb.tools.bench;

/** A {@code host:port} pair as given on the command line. */
public record HostPort(String host, int port) {
    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host='" + host + "' must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port=" + port + " must be in [1, 65535]");
        }
    }

    /** Parses {@code host:port}; the last colon separates the port. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("address='" + text + "' must be host:port");
        }
        String portText = text.substring(colon + 1);
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(portText));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address='" + text + "' has a port that is not a number", e);
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
