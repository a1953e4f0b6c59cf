package io.terndb.client.internal.sync;

import io.terndb.client.ClientResultCode;
import io.terndb.client.CommandKind;
import io.terndb.client.TernException;
import io.terndb.client.TernTimeoutException;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.cluster.SocketInfoTransport;
import io.terndb.client.internal.codec.ParseException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.net.SyncConnection;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;

/** Info commands on a node's pooled connection, for applications and tools (not tending). */
public final class SyncInfo {

    private SyncInfo() {
    }

    public static Map<String, String> request(Node node, List<String> commands, int timeoutMs, Metrics metrics) {
        long startNs = System.nanoTime();
        SyncConnection connection;
        try {
            connection = node.pool().borrow(timeoutMs * 1_000_000L);
        } catch (IOException e) {
            metrics.error(node.metrics());
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "info: cannot connect: " + e.getMessage(),
                    node.name(), false, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TernException(ClientResultCode.CLIENT_ERROR, "interrupted", node.name(), false, e);
        }
        try {
            // The watchdog enforces the deadline, as for data commands: a socket timeout would leave this pooled
            // connection's socket non-blocking, and every later read on it would cost three system calls.
            connection.arm(System.nanoTime() + timeoutMs * 1_000_000L);
            Map<String, String> reply = SocketInfoTransport.exchange(connection, commands, 0);
            if (!connection.disarm()) {
                throw new SocketTimeoutException("expired as the reply arrived");
            }
            node.pool().release(connection);
            metrics.record(CommandKind.INFO, node.metrics(), System.nanoTime() - startNs);
            return reply;
        } catch (IOException | ParseException e) {
            node.pool().discard(connection);
            metrics.error(node.metrics());
            if (e instanceof SocketTimeoutException || connection.expired()) {
                metrics.timeout(node.metrics());
                throw new TernTimeoutException("info " + commands + " timed out", node.name(), false, 1, e);
            }
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "info " + commands + " failed: "
                    + e.getMessage(), node.name(), false, e);
        }
    }

    /**
     * Throws if an info value is an error ({@code ERROR:code:message} or {@code FAIL:code:message}, reference
     * §2.1) or, when {@code ok} is true, anything but {@code ok}.
     */
    public static void checkOk(String command, String value, String nodeName) {
        if (value != null && value.equalsIgnoreCase("ok")) {
            return;
        }
        int code = io.terndb.protocol.ResultCode.SERVER_ERROR;
        if (value != null && (value.startsWith("ERROR:") || value.startsWith("FAIL:"))) {
            String[] parts = value.split(":", 3);
            try {
                code = parts.length > 1 && !parts[1].isEmpty() ? Integer.parseInt(parts[1]) : code;
            } catch (NumberFormatException ignored) {
                // keep the generic code: the text still says what went wrong
            }
        }
        throw new TernException(code, command + " answered: " + value, nodeName, false);
    }
}
