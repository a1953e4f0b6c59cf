package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code network { service { ... } }}: where clients connect and what they are told to connect to. */
final class NetworkServiceReader extends StanzaReader<NetworkServiceSetting> {

    private final List<String> addresses = new ArrayList<>();
    private int port = NetworkConfig.SERVICE_PORT_DEFAULT;
    private final List<String> accessAddresses = new ArrayList<>();
    private int accessPort;

    private NetworkServiceReader(ParseContext context) {
        super(context, SettingTables.NETWORK_SERVICE, "network service");
    }

    static NetworkConfig.Service read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        NetworkServiceReader reader = new NetworkServiceReader(context);
        reader.readEntries(stanza);
        return new NetworkConfig.Service(reader.addresses, reader.port, reader.accessAddresses, reader.accessPort);
    }

    @Override
    protected void apply(NetworkServiceSetting setting, Value value, Entry.Setting entry) {
        switch (setting) {
            case ADDRESS -> addresses.add(value.asText());
            case PORT -> port = Math.toIntExact(value.asLong());
            case ACCESS_ADDRESS -> accessAddresses.add(value.asText());
            case ACCESS_PORT -> accessPort = Math.toIntExact(value.asLong());
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }
}
