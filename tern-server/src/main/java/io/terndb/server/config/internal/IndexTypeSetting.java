package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code index-type pmem|flash { ... }} and {@code sindex-type pmem|flash { ... }}. */
enum IndexTypeSetting implements SettingRule {
    EVICT_MOUNTS_PCT("evict-mounts-pct", noEffect(percent())),
    MOUNT("mount", noEffectRepeated(text())),
    MOUNTS_BUDGET("mounts-budget", noEffect(bytes(GIB, UINT64_MAX_AS_LONG))),
    MOUNTS_HIGH_WATER_PCT("mounts-high-water-pct", obsolete("use 'evict-mounts-pct' instead")),
    MOUNTS_SIZE_LIMIT("mounts-size-limit", obsolete("use 'mounts-budget' instead"));

    private final String settingName;
    private final Rule rule;

    IndexTypeSetting(String settingName, Rule rule) {
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
