package io.terndb.server.config.internal;

/** For stanzas that hold only other stanzas (the file itself, {@code logging}, {@code network}). */
enum NoSetting implements SettingRule {
    ;

    @Override
    public String settingName() {
        throw new IllegalStateException("NoSetting has no constants");
    }

    @Override
    public Rule rule() {
        throw new IllegalStateException("NoSetting has no constants");
    }
}
