package io.terndb.client.internal.cluster;

import io.terndb.client.Host;
import io.terndb.client.internal.codec.InfoCodec;
import io.terndb.client.internal.codec.ParseException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.net.SyncConnection;
import io.terndb.protocol.ProtoHeader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Info over one kept-open socket per host, used by the tender thread only (so no locking). */
public final class SocketInfoTransport implements InfoTransport {

    private final int connectTimeoutMs;
    private final int infoTimeoutMs;
    private final Metrics metrics;
    private final Map<Host, SyncConnection> connections = new HashMap<>();

    public SocketInfoTransport(int connectTimeoutMs, int infoTimeoutMs, Metrics metrics) {
        this.connectTimeoutMs = connectTimeoutMs;
        this.infoTimeoutMs = infoTimeoutMs;
        this.metrics = metrics;
    }

    @Override
    public Map<String, String> request(Host host, List<String> commands) throws IOException {
        SyncConnection connection = connections.get(host);
        if (connection == null) {
            connection = SyncConnection.open(new InetSocketAddress(host.name(), host.port()), connectTimeoutMs);
            metrics.connectionsOpened.increment();
            connections.put(host, connection);
        }
        try {
            return exchange(connection, commands, infoTimeoutMs);
        } catch (IOException | ParseException e) {
            forget(host);
            throw e instanceof IOException io ? io : new IOException("bad info reply from " + host, e);
        }
    }

    /** One info round trip on a connection the caller owns; {@code timeoutMs} 0 = no socket timeout. */
    public static Map<String, String> exchange(SyncConnection connection, List<String> commands, int timeoutMs)
            throws IOException {
        InfoCodec.writeRequest(connection.request(), commands);
        connection.send();
        connection.timeoutMs(timeoutMs);
        long header = connection.readFrame(ProtoHeader.TYPE_INFO);
        Map<String, String> reply = InfoCodec.parseReply(connection.replyData(), connection.bodyOffset(),
                (int) ProtoHeader.bodyBytes(header));
        connection.consume(header);
        return reply;
    }

    @Override
    public void forget(Host host) {
        SyncConnection connection = connections.remove(host);
        if (connection != null) {
            connection.close();
            metrics.connectionsClosed.increment();
        }
    }

    @Override
    public void close() {
        for (Host host : List.copyOf(connections.keySet())) {
            forget(host);
        }
    }
}
