package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code network { service { ... } }}: where clients connect. */
enum NetworkServiceSetting implements SettingRule {
    ACCESS_ADDRESS("access-address", appliesRepeated(text())),
    ACCESS_PORT("access-port", applies(port())),
    ADDRESS("address", appliesRepeated(text())),
    ALTERNATE_ACCESS_ADDRESS("alternate-access-address", noEffectRepeated(text())),
    ALTERNATE_ACCESS_PORT("alternate-access-port", noEffect(port())),
    DISABLE_LOCALHOST("disable-localhost", noEffect(flag())),
    PORT("port", applies(port())),
    TLS_ACCESS_ADDRESS("tls-access-address", noEffectRepeated(text())),
    TLS_ACCESS_PORT("tls-access-port", noEffect(port())),
    TLS_ADDRESS("tls-address", noEffectRepeated(text())),
    TLS_ALTERNATE_ACCESS_ADDRESS("tls-alternate-access-address", noEffectRepeated(text())),
    TLS_ALTERNATE_ACCESS_PORT("tls-alternate-access-port", noEffect(port())),
    TLS_AUTHENTICATE_CLIENT("tls-authenticate-client", noEffectRepeated(text())),
    TLS_NAME("tls-name", noEffect(text())),
    TLS_PORT("tls-port", noEffect(port())),
    EXTERNAL_ADDRESS("external-address", obsolete("use 'access-address' instead"));

    private final String settingName;
    private final Rule rule;

    NetworkServiceSetting(String settingName, Rule rule) {
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
