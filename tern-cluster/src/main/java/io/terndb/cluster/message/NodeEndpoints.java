package io.terndb.cluster.message;

import java.util.List;

/**
 * Where a node is reached: its heartbeat and fabric endpoints ({@code host:port}, {@code [v6]:port}) and the
 * service endpoints clients are told to use (its {@code access-address} lines).
 */
public record NodeEndpoints(String heartbeat, String fabric, List<String> service) {
    public NodeEndpoints {
        service = List.copyOf(service);
    }
}
