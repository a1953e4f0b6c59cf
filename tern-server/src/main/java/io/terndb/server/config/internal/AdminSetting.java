package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code network { admin { ... } }}: the port for administration commands. */
enum AdminSetting implements SettingRule {
    ADDRESS("address", appliesRepeated(text())),
    DISABLE_LOCALHOST("disable-localhost", noEffect(flag())),
    PORT("port", applies(port())),
    TLS_ADDRESS("tls-address", noEffectRepeated(text())),
    TLS_AUTHENTICATE_CLIENT("tls-authenticate-client", noEffectRepeated(text())),
    TLS_NAME("tls-name", noEffect(text())),
    TLS_PORT("tls-port", noEffect(port()));

    private final String settingName;
    private final Rule rule;

    AdminSetting(String settingName, Rule rule) {
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
