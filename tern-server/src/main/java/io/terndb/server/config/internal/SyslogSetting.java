package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code logging { syslog { ... } }}, which TernDB accepts and does not use. */
enum SyslogSetting implements SettingRule {
    CONTEXT("context", noEffectRepeated(words(2, 2))),
    FACILITY("facility", noEffect(text())),
    PATH("path", noEffect(text())),
    TAG("tag", noEffect(text()));

    private final String settingName;
    private final Rule rule;

    SyslogSetting(String settingName, Rule rule) {
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
