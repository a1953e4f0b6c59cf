package io.terndb.server.config.internal;

/** Implemented by the enums that list the settings of one stanza, each constant naming one setting. */
public interface SettingRule {

    /** The setting's name as written in the file, e.g. {@code replication-factor}. */
    String settingName();

    Rule rule();
}
