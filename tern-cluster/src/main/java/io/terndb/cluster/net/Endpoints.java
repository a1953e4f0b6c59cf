package io.terndb.cluster.net;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Endpoints as the cluster writes them: {@code host:port}, IPv6 literals as {@code [address]:port}. */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * The address of an endpoint. An IP literal comes back resolved (no lookup happens); a host name comes back
     * unresolved, for the transport's resolver to look up off the event loops at each connect.
     *
     * @throws IllegalArgumentException when {@code endpoint} is not {@code host:port}
     */
    public static InetSocketAddress parse(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            throw new IllegalArgumentException("endpoint=" + endpoint);
        }
        String host = endpoint.substring(0, colon);
        if (host.startsWith("[")) {
            if (!host.endsWith("]") || host.length() < 3) {
                throw new IllegalArgumentException("endpoint=" + endpoint);
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("endpoint=" + endpoint + " (an IPv6 address goes in brackets)");
        }
        int port = port(endpoint, endpoint.substring(colon + 1));
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
        return literal != null ? new InetSocketAddress(literal, port) : InetSocketAddress.createUnresolved(host, port);
    }

    private static int port(String endpoint, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("endpoint=" + endpoint + " (port out of range)");
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint=" + endpoint + " (port is not a number)");
        }
    }

    /** The endpoint of an address: its IP literal (or unresolved host name) and port. */
    public static String format(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString()
                : NetUtil.toAddressString(address.getAddress());
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + address.getPort() : host + ":" + address.getPort();
    }
}
