package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ServiceConfig;
import java.nio.file.Path;

/** Reads {@code service { ... }}. */
final class ServiceReader extends StanzaReader<ServiceSetting> {

    private String clusterName = "";
    private int protoFdMax = ServiceConfig.PROTO_FD_MAX_DEFAULT;
    private Path workDirectory;
    private Path pidFile;
    private long nodeId;
    private int serviceThreads;
    private int migrateThreads = ServiceConfig.MIGRATE_THREADS_DEFAULT;

    private ServiceReader(ParseContext context) {
        super(context, SettingTables.SERVICE, "service");
    }

    static ServiceConfig read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        ServiceReader reader = new ServiceReader(context);
        reader.requireNoArgument(stanza);
        reader.readEntries(stanza);
        return reader.build();
    }

    /** What an absent {@code service} stanza means. */
    static ServiceConfig defaults(ParseContext context) {
        return new ServiceReader(context).build();
    }

    @Override
    protected void apply(ServiceSetting setting, Value value, Entry.Setting entry) throws ConfigException {
        switch (setting) {
            case CLUSTER_NAME -> clusterName = value.asText();
            case PROTO_FD_MAX -> protoFdMax = Math.toIntExact(value.asLong());
            case WORK_DIRECTORY -> workDirectory = Paths.of(entry, value.asText(), context);
            case PIDFILE -> pidFile = Paths.of(entry, value.asText(), context);
            case NODE_ID -> nodeId = value.asLong();
            case SERVICE_THREADS -> serviceThreads = Math.toIntExact(value.asLong());
            case MIGRATE_THREADS -> migrateThreads = Math.toIntExact(value.asLong());
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }

    private ServiceConfig build() {
        return new ServiceConfig(clusterName, protoFdMax, workDirectory, pidFile, nodeId, serviceThreads,
                migrateThreads);
    }
}
