package io.terndb.client.internal.cluster;

import io.terndb.client.Host;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * How the tender asks a node info commands. The real one keeps one socket per node; tests script replies per
 * address to drive tending through node arrivals, departures and partition moves without servers.
 */
public interface InfoTransport extends AutoCloseable {

    /** Sends {@code commands} in one request to {@code host}; returns command → value. */
    Map<String, String> request(Host host, List<String> commands) throws IOException;

    /** Drops any connection to {@code host} (its node left the cluster). */
    void forget(Host host);

    @Override
    void close();
}
