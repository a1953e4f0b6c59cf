package io.terndb.cluster.net;

/**
 * How outbound connections are made: how long one attempt may take, and how soon after an attempt the next may
 * start (so a dead peer costs one connect per interval, not one per message).
 */
public record ConnectSettings(int connectTimeoutMs, long reconnectIntervalMs) {

    public static final ConnectSettings DEFAULTS = new ConnectSettings(1_000, 100);

    public ConnectSettings {
        if (connectTimeoutMs <= 0) {
            throw new IllegalArgumentException("connectTimeoutMs=" + connectTimeoutMs);
        }
        if (reconnectIntervalMs < 0) {
            throw new IllegalArgumentException("reconnectIntervalMs=" + reconnectIntervalMs);
        }
    }
}
