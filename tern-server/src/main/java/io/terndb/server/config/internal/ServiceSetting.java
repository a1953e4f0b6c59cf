package io.terndb.server.config.internal;

import static io.terndb.server.config.internal.Rules.*;

import io.terndb.server.config.ConfigLimits;

/** The settings of {@code service { ... }}: names, value kinds and limits as Aerospike 8.x reads them. */
enum ServiceSetting implements SettingRule {
    ADVERTISE_IPV6("advertise-ipv6", noEffect(flag())),
    AUTO_PIN("auto-pin", noEffect(choice("none", "cpu", "numa", "adq"))),
    BATCH_INDEX_THREADS("batch-index-threads", noEffect(count(1, 256))),
    BATCH_MAX_BUFFERS_PER_QUEUE("batch-max-buffers-per-queue", noEffect(uint32())),
    BATCH_MAX_REQUESTS("batch-max-requests", noEffect(uint32())),
    BATCH_MAX_UNUSED_BUFFERS("batch-max-unused-buffers", noEffect(uint32())),
    CGROUP_MEM_TRACKING("cgroup-mem-tracking", noEffect(flag())),
    CLUSTER_NAME("cluster-name", applies(text(ConfigLimits.CLUSTER_NAME_BYTES_MAX))),
    DEBUG_ALLOCATIONS("debug-allocations", noEffect(flag())),
    DISABLE_UDF_EXECUTION("disable-udf-execution", noEffect(flag())),
    ENABLE_BENCHMARKS_FABRIC("enable-benchmarks-fabric", noEffect(flag())),
    ENABLE_HEALTH_CHECK("enable-health-check", noEffect(flag())),
    ENABLE_HIST_INFO("enable-hist-info", noEffect(flag())),
    ENFORCE_BEST_PRACTICES("enforce-best-practices", noEffect(flag())),
    FEATURE_KEY_FILE("feature-key-file", noEffectRepeated(text())),
    GROUP("group", noEffect(text())),
    INDENT_ALLOCATIONS("indent-allocations", noEffect(flag())),
    INFO_MAX_MS("info-max-ms", noEffect(count(500, 10_000))),
    INFO_THREADS("info-threads", noEffect(count(1, 256))),
    KEEP_CAPS_SSD_HEALTH("keep-caps-ssd-health", noEffect(flag())),
    LOG_LOCAL_TIME("log-local-time", noEffect(flag())),
    LOG_MILLIS("log-millis", noEffect(flag())),
    MICROSECOND_HISTOGRAMS("microsecond-histograms", noEffect(flag())),
    MIGRATE_FILL_DELAY("migrate-fill-delay", noEffect(seconds())),
    MIGRATE_MAX_NUM_INCOMING("migrate-max-num-incoming", noEffect(count(0, 256))),
    MIGRATE_THREADS("migrate-threads", applies(count(0, 100))),
    MIN_CLUSTER_SIZE("min-cluster-size", noEffect(count(0, ConfigLimits.CLUSTER_NODES_MAX))),
    NODE_ID("node-id", applies(hex(1))),
    NODE_ID_INTERFACE("node-id-interface", noEffect(text())),
    OS_GROUP_PERMS("os-group-perms", noEffect(flag())),
    PIDFILE("pidfile", applies(text())),
    POISON_ALLOCATIONS("poison-allocations", noEffect(flag())),
    PROTO_FD_IDLE_MS("proto-fd-idle-ms", noEffect(uint32())),
    PROTO_FD_MAX("proto-fd-max", applies(count(ConfigLimits.PROTO_FD_MAX_MIN, Integer.MAX_VALUE))),
    QUARANTINE_ALLOCATIONS("quarantine-allocations", noEffect(count(0, 100_000_000))),
    QUERY_MAX_DONE("query-max-done", noEffect(count(0, 10_000))),
    QUERY_THREADS_LIMIT("query-threads-limit", noEffect(count(1, 1024))),
    RUN_AS_DAEMON("run-as-daemon", noEffect(optionalFlag())),
    SECRETS_ADDRESS_PORT("secrets-address-port", noEffect(words(2, 3))),
    SECRETS_TLS_CONTEXT("secrets-tls-context", noEffect(text())),
    SECRETS_UDS_PATH("secrets-uds-path", noEffect(text())),
    SERVICE_THREADS("service-threads", applies(count(1, ConfigLimits.SERVICE_THREADS_MAX))),
    SINDEX_BUILDER_THREADS("sindex-builder-threads", noEffect(count(1, 32))),
    SINDEX_GC_PERIOD("sindex-gc-period", noEffect(uint32())),
    STAY_QUIESCED("stay-quiesced", noEffect(flag())),
    TICKER_INTERVAL("ticker-interval", noEffect(uint32())),
    TLS_REFRESH_PERIOD("tls-refresh-period", noEffect(seconds())),
    TRANSACTION_MAX_MS("transaction-max-ms", noEffect(uint64())),
    TRANSACTION_RETRY_MS("transaction-retry-ms", noEffect(uint32())),
    USER("user", noEffect(text())),
    VAULT_CA("vault-ca", noEffect(text())),
    VAULT_NAMESPACE("vault-namespace", noEffect(text())),
    VAULT_PATH("vault-path", noEffect(text())),
    VAULT_TOKEN_FILE("vault-token-file", noEffect(text())),
    VAULT_URL("vault-url", noEffect(text())),
    WORK_DIRECTORY("work-directory", applies(text())),
    // Removed from Aerospike; refused as the original refuses them.
    ALLOW_INLINE_TRANSACTIONS("allow-inline-transactions", obsolete("tune 'service-threads' instead")),
    NSUP_PERIOD("nsup-period", obsolete("set 'nsup-period' in each namespace instead")),
    OBJECT_SIZE_HIST_PERIOD("object-size-hist-period", obsolete("set 'nsup-hist-period' in each namespace instead")),
    RESPOND_CLIENT_ON_MASTER_COMPLETION("respond-client-on-master-completion",
            obsolete("use the namespace's 'write-commit-level-override' or the client's write policy instead")),
    SCAN_MAX_DONE("scan-max-done", obsolete("use 'query-max-done' instead")),
    SCAN_THREADS_LIMIT("scan-threads-limit", obsolete("use 'query-threads-limit' instead")),
    TRANSACTION_PENDING_LIMIT("transaction-pending-limit",
            obsolete("set 'transaction-pending-limit' in each namespace instead")),
    TRANSACTION_QUEUES("transaction-queues", obsolete("tune 'service-threads' instead")),
    TRANSACTION_REPEATABLE_READ("transaction-repeatable-read",
            obsolete("use the namespace's 'read-consistency-level-override' or the client's read policy instead")),
    TRANSACTION_THREADS_PER_QUEUE("transaction-threads-per-queue", obsolete("tune 'service-threads' instead"));

    private final String settingName;
    private final Rule rule;

    ServiceSetting(String settingName, Rule rule) {
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
