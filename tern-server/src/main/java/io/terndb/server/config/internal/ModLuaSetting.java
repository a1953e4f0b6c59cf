package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code mod-lua { ... }}; TernDB runs no UDFs yet, so none has an effect. */
enum ModLuaSetting implements SettingRule {
    CACHE_ENABLED("cache-enabled", noEffect(flag())),
    USER_PATH("user-path", noEffect(text()));

    private final String settingName;
    private final Rule rule;

    ModLuaSetting(String settingName, Rule rule) {
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
