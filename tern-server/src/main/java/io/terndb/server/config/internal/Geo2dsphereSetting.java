package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code namespace NAME { geo2dsphere-within { ... } }}; no secondary index yet. */
enum Geo2dsphereSetting implements SettingRule {
    STRICT("strict", noEffect(flag())),
    MIN_LEVEL("min-level", noEffect(count(0, 30))),
    MAX_LEVEL("max-level", noEffect(count(0, 30))),
    MAX_CELLS("max-cells", noEffect(count(1, 256))),
    LEVEL_MOD("level-mod", noEffect(count(1, 3))),
    EARTH_RADIUS_METERS("earth-radius-meters", noEffect(uint32()));

    private final String settingName;
    private final Rule rule;

    Geo2dsphereSetting(String settingName, Rule rule) {
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
