package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code network { fabric { ... } }}: the node-to-node channel. */
enum FabricSetting implements SettingRule {
    ADDRESS("address", appliesRepeated(text())),
    CHANNEL_BULK_FDS("channel-bulk-fds", noEffect(count(1, 128))),
    CHANNEL_BULK_RECV_THREADS("channel-bulk-recv-threads", noEffect(count(1, 128))),
    CHANNEL_CTRL_FDS("channel-ctrl-fds", noEffect(count(1, 128))),
    CHANNEL_CTRL_RECV_THREADS("channel-ctrl-recv-threads", noEffect(count(1, 128))),
    CHANNEL_META_FDS("channel-meta-fds", noEffect(count(1, 128))),
    CHANNEL_META_RECV_THREADS("channel-meta-recv-threads", noEffect(count(1, 128))),
    CHANNEL_RW_FDS("channel-rw-fds", noEffect(count(1, 128))),
    CHANNEL_RW_RECV_POOLS("channel-rw-recv-pools", noEffect(count(1, 16))),
    CHANNEL_RW_RECV_THREADS("channel-rw-recv-threads", noEffect(count(1, 128))),
    KEEPALIVE_ENABLED("keepalive-enabled", noEffect(flag())),
    KEEPALIVE_INTVL("keepalive-intvl", noEffect(uint32())),
    KEEPALIVE_PROBES("keepalive-probes", noEffect(uint32())),
    KEEPALIVE_TIME("keepalive-time", noEffect(uint32())),
    LATENCY_MAX_MS("latency-max-ms", noEffect(count(0, 1000))),
    PORT("port", applies(port())),
    RECV_REARM_THRESHOLD("recv-rearm-threshold", noEffect(count(0, 1024 * 1024))),
    SEND_THREADS("send-threads", noEffect(count(1, 128))),
    TLS_ADDRESS("tls-address", noEffectRepeated(text())),
    TLS_NAME("tls-name", noEffect(text())),
    TLS_PORT("tls-port", noEffect(port()));

    private final String settingName;
    private final Rule rule;

    FabricSetting(String settingName, Rule rule) {
        this.settingName = settingName;
        this.rule = rule;
    }

    @Override
    public String settingName() {
        return settingName;
    }

    @Override
    public Rule rule() {
        return rule;
    }
}
