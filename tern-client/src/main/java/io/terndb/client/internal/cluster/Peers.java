package io.terndb.client.internal.cluster;

import io.terndb.client.Host;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed {@code peers-clear-std} reply (reference §2.3):
 * {@code <generation>,<default-port>,[[<name>,<tls-name>,[<host>,<host>:<port>,[<ipv6>]:<port>]],...]}.
 *
 * @param generation the peers generation the list belongs to
 * @param peers      the other nodes, each with the addresses to try in order
 */
public record Peers(long generation, List<Peer> peers) {

    /** One other node. */
    public record Peer(String name, List<Host> hosts) {
    }

    public static Peers parse(String text) {
        Cursor cursor = new Cursor(text);
        long generation = Long.parseLong(cursor.until(','));
        cursor.expect(',');
        int defaultPort = Integer.parseInt(cursor.until(','));
        cursor.expect(',');
        cursor.expect('[');
        List<Peer> peers = new ArrayList<>();
        while (cursor.peek() == '[') {
            peers.add(peer(cursor, defaultPort));
            if (cursor.peek() == ',') {
                cursor.expect(',');
            }
        }
        cursor.expect(']');
        return new Peers(generation, List.copyOf(peers));
    }

    private static Peer peer(Cursor cursor, int defaultPort) {
        cursor.expect('[');
        String name = cursor.until(',');
        cursor.expect(',');
        cursor.until(','); // TLS name: unused without TLS
        cursor.expect(',');
        cursor.expect('[');
        List<Host> hosts = new ArrayList<>();
        while (cursor.peek() != ']') {
            String host = cursor.peek() == '[' ? cursor.bracketed() + cursor.until(',', ']') : cursor.until(',', ']');
            hosts.add(Host.parse(host, defaultPort));
            if (cursor.peek() == ',') {
                cursor.expect(',');
            }
        }
        cursor.expect(']');
        cursor.expect(']');
        if (name.isEmpty()) {
            throw new IllegalArgumentException("peer without a node name");
        }
        return new Peer(name, List.copyOf(hosts));
    }

    /** A reading position in the reply text. */
    private static final class Cursor {
        private final String text;
        private int position;

        Cursor(String text) {
            this.text = text;
        }

        char peek() {
            if (position >= text.length()) {
                throw new IllegalArgumentException("peers reply ends early: " + text);
            }
            return text.charAt(position);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("peers reply: expected '" + c + "' at " + position + ": " + text);
            }
            position++;
        }

        String until(char... stops) {
            int start = position;
            while (position < text.length() && !isStop(text.charAt(position), stops)) {
                position++;
            }
            return text.substring(start, position);
        }

        String bracketed() {
            int close = text.indexOf(']', position);
            if (close < 0) {
                throw new IllegalArgumentException("peers reply: unclosed '[' at " + position + ": " + text);
            }
            String host = text.substring(position, close + 1);
            position = close + 1;
            return host;
        }

        private static boolean isStop(char c, char[] stops) {
            for (char stop : stops) {
                if (c == stop) {
                    return true;
                }
            }
            return false;
        }
    }
}
