package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code network { info { ... } }}, the info port of Aerospike before 8 (3003). */
enum InfoSetting implements SettingRule {
    ADDRESS("address", appliesRepeated(text())),
    PORT("port", applies(port()));

    private final String settingName;
    private final Rule rule;

    InfoSetting(String settingName, Rule rule) {
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
