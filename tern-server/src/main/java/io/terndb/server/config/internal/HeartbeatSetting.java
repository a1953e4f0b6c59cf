package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.ConfigLimits;

/** The settings of {@code network { heartbeat { ... } }}: how nodes find each other. */
enum HeartbeatSetting implements SettingRule {
    ADDRESS("address", appliesRepeated(text())),
    /** Applied only to check it against interval and timeout, as the original does; otherwise unused. */
    CONNECT_TIMEOUT_MS("connect-timeout-ms",
            applies(count(ConfigLimits.HEARTBEAT_INTERVAL_MS_MIN, UINT32_MAX))),
    INTERVAL("interval",
            applies(count(ConfigLimits.HEARTBEAT_INTERVAL_MS_MIN, ConfigLimits.HEARTBEAT_INTERVAL_MS_MAX))),
    MESH_SEED_ADDRESS_PORT("mesh-seed-address-port", appliesRepeated(hostPort())),
    MODE("mode", applies(choice("mesh", "multicast"))),
    MTU("mtu", noEffect(uint32())),
    MULTICAST_GROUP("multicast-group", noEffectRepeated(text())),
    MULTICAST_TTL("multicast-ttl", noEffect(count(0, 255))),
    PORT("port", applies(port())),
    PROTOCOL("protocol", noEffect(choice("none", "v3"))),
    TIMEOUT("timeout", applies(count(ConfigLimits.HEARTBEAT_TIMEOUT_INTERVALS_MIN, Integer.MAX_VALUE))),
    TLS_ADDRESS("tls-address", noEffectRepeated(text())),
    TLS_MESH_SEED_ADDRESS_PORT("tls-mesh-seed-address-port", noEffectRepeated(hostPort())),
    TLS_NAME("tls-name", noEffect(text())),
    TLS_PORT("tls-port", noEffect(port())),
    MCAST_TTL("mcast-ttl", obsolete("use 'multicast-ttl' instead"));

    private final String settingName;
    private final Rule rule;

    HeartbeatSetting(String settingName, Rule rule) {
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
