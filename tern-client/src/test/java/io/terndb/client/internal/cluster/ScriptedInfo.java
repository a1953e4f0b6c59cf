package io.terndb.client.internal.cluster;

import io.terndb.client.Host;
import io.terndb.protocol.PartitionId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A fake {@link InfoTransport}: scripted nodes answer info commands from their current state, so a test moves a
 * cluster through arrivals, departures and partition moves and then runs a tend. Records every request.
 */
final class ScriptedInfo implements InfoTransport {

    /** One scripted server. Change its fields, then tend. */
    static final class FakeNode {
        final Host host;
        String name;
        boolean alive = true;
        long peersGeneration = 1;
        long partitionGeneration = 1;
        List<FakeNode> peers = new ArrayList<>();
        /** namespace → replica bitmaps (base64). */
        Map<String, List<String>> replicas = new LinkedHashMap<>();
        String clusterName = "null";

        FakeNode(String name, int port) {
            this.name = name;
            this.host = new Host("127.0.0.1", port);
        }

        FakeNode claims(String namespace, IntPredicate... replicaPredicates) {
            List<String> bitmaps = new ArrayList<>();
            for (IntPredicate predicate : replicaPredicates) {
                bitmaps.add(bitmap(predicate));
            }
            replicas.put(namespace, bitmaps);
            partitionGeneration++;
            return this;
        }

        void peers(FakeNode... others) {
            peers = new ArrayList<>(List.of(others));
            peersGeneration++;
        }

        String answer(String command) {
            return switch (command) {
                case "node" -> name;
                case "features" -> "batch-any;pscans;peers;replicas";
                case "partition-generation" -> Long.toString(partitionGeneration);
                case "peers-generation" -> Long.toString(peersGeneration);
                case "cluster-name" -> clusterName;
                case "peers-clear-std" -> peersText();
                case "replicas" -> replicasText();
                default -> "ERROR:4:unrecognized command";
            };
        }

        private String peersText() {
            StringBuilder text = new StringBuilder().append(peersGeneration).append(",3000,[");
            for (int i = 0; i < peers.size(); i++) {
                FakeNode peer = peers.get(i);
                text.append(i > 0 ? "," : "").append('[').append(peer.name).append(",,[")
                        .append(peer.host.name()).append(':').append(peer.host.port()).append("]]");
            }
            return text.append(']').toString();
        }

        private String replicasText() {
            List<String> entries = new ArrayList<>();
            replicas.forEach((namespace, bitmaps) -> entries.add(namespace + ":0," + bitmaps.size() + ","
                    + String.join(",", bitmaps)));
            return String.join(";", entries);
        }
    }

    static String bitmap(IntPredicate owned) {
        byte[] bits = new byte[PartitionId.COUNT / 8];
        for (int partitionId = 0; partitionId < PartitionId.COUNT; partitionId++) {
            if (owned.test(partitionId)) {
                bits[partitionId >> 3] |= (byte) (0x80 >> (partitionId & 7));
            }
        }
        return Base64.getEncoder().encodeToString(bits);
    }

    private final Map<Host, FakeNode> nodes = new HashMap<>();
    final List<String> requests = new ArrayList<>();

    FakeNode add(String name, int port) {
        FakeNode node = new FakeNode(name, port);
        nodes.put(node.host, node);
        return node;
    }

    @Override
    public Map<String, String> request(Host host, List<String> commands) throws IOException {
        FakeNode node = nodes.get(host);
        requests.add(host.port() + ":" + String.join(",", commands));
        if (node == null || !node.alive) {
            throw new IOException("connection refused: " + host);
        }
        Map<String, String> reply = new LinkedHashMap<>();
        for (String command : commands) {
            reply.put(command, node.answer(command));
        }
        return reply;
    }

    @Override
    public void forget(Host host) {
    }

    @Override
    public void close() {
    }
}
