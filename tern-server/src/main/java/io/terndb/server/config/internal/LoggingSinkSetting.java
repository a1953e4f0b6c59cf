package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of a {@code logging} sink: {@code console { ... }} and {@code file PATH { ... }}. */
enum LoggingSinkSetting implements SettingRule {
    /** {@code context CONTEXT LEVEL}; TernDB uses the level of context {@code any}. */
    CONTEXT("context", appliesRepeated(words(2, 2)));

    private final String settingName;
    private final Rule rule;

    LoggingSinkSetting(String settingName, Rule rule) {
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
