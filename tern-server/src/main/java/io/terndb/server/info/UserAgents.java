package io.terndb.server.info;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user agents of open client connections, as the original (8.1 on) keeps them. A client announces itself once
 * per tend connection with {@code user-agent-set:value=BASE64} (the C client sends the base64 of
 * {@code 1,LANGUAGE-VERSION,APP-ID} to every node whose {@code build} is 8.1 or later, and sends it again at every
 * tend while it is refused); {@code user-agents} counts the open connections per agent,
 * {@code user-agent=BASE64:count=N;} each, with connections that asked for {@code features} but announced nothing
 * under the base64 of {@code unknown}. Connections that only carry transactions are not counted.
 *
 * <p>Threads: a {@link Connection} is changed only by its connection's event loop; {@link #describe} reads every
 * open one from any thread, so its two fields are volatile.
 */
public final class UserAgents {

    /** The original keeps the value in 88 bytes, its terminator included. */
    static final int VALUE_CHARS_MAX = 87;
    static final String UNKNOWN = Base64.getEncoder().encodeToString("unknown".getBytes(StandardCharsets.US_ASCII));

    private final Set<Connection> open = ConcurrentHashMap.newKeySet();

    /** One client connection's announcement: opened with the connection, closed with it. */
    public final class Connection implements AutoCloseable {
        /** The base64 value as the client sent it; null until it announces itself. */
        private volatile String agent;
        private volatile boolean askedForFeatures;

        private Connection() {
        }

        @Override
        public void close() {
            open.remove(this);
        }
    }

    public Connection open() {
        Connection connection = new Connection();
        open.add(connection);
        return connection;
    }

    /** {@code user-agent-set:value=BASE64}: once per connection, in the original's error texts. */
    String set(InfoCommand command, Connection connection) {
        if (connection.agent != null) {
            return "ERROR:4:already set";
        }
        String value = command.parameters().get("value");
        if (value == null) {
            return "ERROR:4:missing 'value'";
        }
        if (value.isEmpty()) {
            return "ERROR:4:missing 'value' value";
        }
        if (value.length() > VALUE_CHARS_MAX) {
            return "ERROR:4:'value' value too long";
        }
        if (!isBase64(value)) {
            return "ERROR:4:'value' invalid base64";
        }
        connection.agent = value;
        return "ok";
    }

    /** A connection that asks for {@code features} is a client's tend connection: counted even without an agent. */
    void askedForFeatures(Connection connection) {
        connection.askedForFeatures = true;
    }

    /** {@code user-agents}: the open connections per agent, in the agents' order. */
    String describe() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Connection connection : open) {
            String agent = connection.agent;
            if (agent != null || connection.askedForFeatures) {
                counts.merge(agent != null ? agent : UNKNOWN, 1, Integer::sum);
            }
        }
        StringBuilder out = new StringBuilder();
        counts.forEach((agent, count) -> out.append("user-agent=").append(agent).append(":count=").append(count)
                .append(';'));
        return out.toString();
    }

    /** Padded base64 of the basic alphabet. */
    private static boolean isBase64(String value) {
        if (value.length() % 4 != 0) {
            return false;
        }
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
