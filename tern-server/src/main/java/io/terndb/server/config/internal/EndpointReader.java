package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;

/** Reads a plain listening endpoint, {@code fabric}, {@code info} or {@code admin}: addresses and a port. */
final class EndpointReader<S extends Enum<S> & SettingRule> extends StanzaReader<S> {

    /** For endpoints without a default port. */
    static final int PORT_REQUIRED = 0;

    private final S addressSetting;
    private final S portSetting;
    private final List<String> addresses = new ArrayList<>();
    private int port;

    private EndpointReader(ParseContext context, SettingTable<S> table, S addressSetting, S portSetting) {
        super(context, table, table.label());
        this.addressSetting = addressSetting;
        this.portSetting = portSetting;
    }

    /** @param defaultPort the port when the stanza names none, or {@link #PORT_REQUIRED} */
    static <S extends Enum<S> & SettingRule> NetworkConfig.Endpoint read(Entry.Stanza stanza, SettingTable<S> table,
            S addressSetting, S portSetting, int defaultPort, ParseContext context) throws ConfigException {
        EndpointReader<S> reader = new EndpointReader<>(context, table, addressSetting, portSetting);
        reader.readEntries(stanza);
        if (reader.port == 0) {
            if (defaultPort == PORT_REQUIRED) {
                throw context.error(stanza.line(), table.label() + " needs a 'port'");
            }
            reader.port = defaultPort;
        }
        return new NetworkConfig.Endpoint(reader.addresses, reader.port);
    }

    @Override
    protected void apply(S setting, Value value, Entry.Setting entry) {
        if (setting == addressSetting) {
            addresses.add(value.asText());
        } else if (setting == portSetting) {
            port = Math.toIntExact(value.asLong());
        } else {
            throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }
}
