package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.NamespaceConfig;

/** The settings of {@code namespace NAME { set NAME { ... } }}. */
enum SetSetting implements SettingRule {
    DEFAULT_READ_TOUCH_TTL_PCT("default-read-touch-ttl-pct", noEffect(signed(-1, 100))),
    /** 0 = use the namespace's, -1 = never expire. */
    DEFAULT_TTL("default-ttl", applies(secondsOrNever(0, NamespaceConfig.TTL_SECONDS_MAX))),
    DISABLE_EVICTION("disable-eviction", noEffect(flag())),
    ENABLE_INDEX("enable-index", noEffect(flag())),
    STOP_WRITES_COUNT("stop-writes-count", noEffect(uint64())),
    STOP_WRITES_SIZE("stop-writes-size", noEffect(uint64()));

    private final String settingName;
    private final Rule rule;

    SetSetting(String settingName, Rule rule) {
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
