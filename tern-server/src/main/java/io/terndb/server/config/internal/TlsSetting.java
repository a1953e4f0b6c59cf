package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

/** The settings of {@code network { tls NAME { ... } }}, which TernDB accepts and does not use yet. */
enum TlsSetting implements SettingRule {
    CA_FILE("ca-file", noEffect(text())),
    CA_PATH("ca-path", noEffect(text())),
    CERT_BLACKLIST("cert-blacklist", noEffect(text())),
    CERT_FILE("cert-file", noEffect(text())),
    CIPHER_SUITE("cipher-suite", noEffect(words(1, 64))),
    KEY_FILE("key-file", noEffect(text())),
    KEY_FILE_PASSWORD("key-file-password", noEffect(text())),
    PKI_USER_APPEND_OU("pki-user-append-ou", noEffect(flag())),
    PROTOCOLS("protocols", noEffect(words(1, 16)));

    private final String settingName;
    private final Rule rule;

    TlsSetting(String settingName, Rule rule) {
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
