package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.NetworkConfig;
import java.util.List;

/** Reads {@code network { service { } heartbeat { } fabric { } info { } admin { } tls NAME { } }}. */
final class NetworkReader extends StanzaReader<NoSetting> {

    private NetworkConfig.Service service = defaultService();
    private NetworkConfig.Heartbeat heartbeat;
    private NetworkConfig.Endpoint fabric = notConfigured();
    private NetworkConfig.Endpoint info = notConfigured();
    private NetworkConfig.Endpoint admin = notConfigured();

    private NetworkReader(ParseContext context) {
        super(context, SettingTables.NETWORK, "network");
    }

    static NetworkConfig read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        NetworkReader reader = new NetworkReader(context);
        reader.requireNoArgument(stanza);
        reader.readEntries(stanza);
        return reader.build();
    }

    /** What an absent {@code network} stanza means: clients on every address at port 3000, nothing else. */
    static NetworkConfig defaults() {
        return new NetworkConfig(defaultService(), null, notConfigured(), notConfigured(), notConfigured());
    }

    @Override
    protected void apply(NoSetting setting, Value value, Entry.Setting entry) {
        throw new IllegalStateException("network has no settings");
    }

    @Override
    protected void readStanza(Entry.Stanza child) throws ConfigException {
        String name = child.name();
        if (name.equals("tls")) {
            String tlsName = requireOneArgument(child, "a name");
            IgnoredStanzaReader.read(child, SettingTables.TLS, "network tls " + tlsName, context);
            return;
        }
        if (!SettingTables.NETWORK.holdsStanza(name)) {
            throw unknownStanza(child);
        }
        claimOnce("stanza " + name, child.line(), "'" + name + "'");
        requireNoArgument(child);
        switch (name) {
            case "service" -> service = NetworkServiceReader.read(child, context);
            case "heartbeat" -> heartbeat = HeartbeatReader.read(child, context);
            case "fabric" -> fabric = EndpointReader.read(child, SettingTables.FABRIC, FabricSetting.ADDRESS,
                    FabricSetting.PORT, NetworkConfig.FABRIC_PORT_DEFAULT, context);
            case "info" -> info = EndpointReader.read(child, SettingTables.INFO, InfoSetting.ADDRESS,
                    InfoSetting.PORT, NetworkConfig.INFO_PORT_DEFAULT, context);
            case "admin" -> admin = EndpointReader.read(child, SettingTables.ADMIN, AdminSetting.ADDRESS,
                    AdminSetting.PORT, EndpointReader.PORT_REQUIRED, context);
            default -> throw new IllegalStateException("no reader for network stanza " + name);
        }
    }

    private NetworkConfig build() {
        NetworkConfig.Heartbeat resolved = heartbeat;
        if (heartbeat != null && heartbeat.addresses().isEmpty()) {
            // As the original: heartbeats listen where the fabric listens unless told otherwise.
            resolved = new NetworkConfig.Heartbeat(heartbeat.mode(), fabric.addresses(), heartbeat.port(),
                    heartbeat.seeds(), heartbeat.intervalMs(), heartbeat.timeoutIntervals());
        }
        return new NetworkConfig(service, resolved, fabric, info, admin);
    }

    private static NetworkConfig.Service defaultService() {
        return new NetworkConfig.Service(List.of(), NetworkConfig.SERVICE_PORT_DEFAULT, List.of(), 0);
    }

    private static NetworkConfig.Endpoint notConfigured() {
        return new NetworkConfig.Endpoint(List.of(), 0);
    }
}
