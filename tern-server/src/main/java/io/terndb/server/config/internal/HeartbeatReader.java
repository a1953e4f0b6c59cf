package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import io.terndb.server.config.ConfigLimits;
import io.terndb.server.config.NetworkConfig;
import java.util.ArrayList;
import java.util.List;

/** Reads {@code network { heartbeat { ... } }}: how this node finds and watches its peers. */
final class HeartbeatReader extends StanzaReader<HeartbeatSetting> {

    private String mode;
    private final List<String> addresses = new ArrayList<>();
    private int port = NetworkConfig.HEARTBEAT_PORT_DEFAULT;
    private final List<String> seeds = new ArrayList<>();
    private int intervalMs = ConfigLimits.HEARTBEAT_INTERVAL_MS_DEFAULT;
    private int timeoutIntervals = ConfigLimits.HEARTBEAT_TIMEOUT_INTERVALS_DEFAULT;
    private long connectTimeoutMs = ConfigLimits.HEARTBEAT_CONNECT_TIMEOUT_MS_DEFAULT;
    private int connectTimeoutLine;

    private HeartbeatReader(ParseContext context) {
        super(context, SettingTables.HEARTBEAT, "network heartbeat");
    }

    static NetworkConfig.Heartbeat read(Entry.Stanza stanza, ParseContext context) throws ConfigException {
        HeartbeatReader reader = new HeartbeatReader(context);
        reader.readEntries(stanza);
        return reader.build(stanza);
    }

    @Override
    protected void apply(HeartbeatSetting setting, Value value, Entry.Setting entry) {
        switch (setting) {
            case MODE -> mode = value.asText();
            case ADDRESS -> addresses.add(value.asText());
            case PORT -> port = Math.toIntExact(value.asLong());
            case MESH_SEED_ADDRESS_PORT -> seeds.add(value.asText());
            case INTERVAL -> intervalMs = Math.toIntExact(value.asLong());
            case TIMEOUT -> timeoutIntervals = Math.toIntExact(value.asLong());
            case CONNECT_TIMEOUT_MS -> {
                connectTimeoutMs = value.asLong();
                connectTimeoutLine = entry.line();
                context.noEffect(setting.settingName());
            }
            default -> throw new IllegalStateException("no reader for applied setting " + setting.settingName());
        }
    }

    private NetworkConfig.Heartbeat build(Entry.Stanza stanza) throws ConfigException {
        if (mode == null) {
            throw error(stanza.line(), "network heartbeat needs 'mode mesh' (or 'mode multicast')");
        }
        // As the original: one connection attempt may take at most a third of the time after which a silent peer
        // is declared gone.
        long connectTimeoutLimitMs = (long) intervalMs * timeoutIntervals / 3;
        if (connectTimeoutMs > connectTimeoutLimitMs) {
            int line = connectTimeoutLine != 0 ? connectTimeoutLine : stanza.line();
            throw error(line, "'connect-timeout-ms' (" + connectTimeoutMs + ") must be at most interval * timeout / 3"
                    + " = " + connectTimeoutLimitMs + " ms (interval " + intervalMs + ", timeout " + timeoutIntervals
                    + "); lower it or raise interval or timeout");
        }
        return new NetworkConfig.Heartbeat(mode, addresses, port, seeds, intervalMs, timeoutIntervals);
    }
}
