package io.terndb.client.internal.cluster;

import io.terndb.client.Replica;
import io.terndb.protocol.PartitionId;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which node holds each replica of each partition, per namespace. Immutable: the tender builds a new map when a
 * node's claims change and publishes it through a volatile field, so commands look a node up with one map get and
 * one array read, without locks.
 */
public final class PartitionMap {

    public static final PartitionMap EMPTY = new PartitionMap(Map.of());

    /** Namespace → [replica][partition id] → node, or null where nobody claims it. */
    private final Map<String, Node[][]> namespaces;

    private PartitionMap(Map<String, Node[][]> namespaces) {
        this.namespaces = namespaces;
    }

    /**
     * The node a command on {@code partitionId} goes to for attempt {@code attempt} (0 = first), or null when no
     * active node holds it. {@code sequence} counts commands so {@link Replica#ANY} reads spread over replicas.
     */
    public Node node(String namespace, int partitionId, Replica replica, int attempt, boolean write, int sequence) {
        Node[][] replicas = namespaces.get(namespace);
        if (replicas == null) {
            return null;
        }
        int count = replicas.length;
        int first = switch (replica) {
            case MASTER -> 0;
            case SEQUENCE -> attempt;
            case ANY -> write ? attempt : attempt + sequence;
        };
        int tries = replica == Replica.MASTER ? 1 : count;
        for (int i = 0; i < tries; i++) {
            Node node = replicas[Math.floorMod(first + i, count)][partitionId];
            if (node != null && node.isActive()) {
                return node;
            }
        }
        return null;
    }

    public int replicaCount(String namespace) {
        Node[][] replicas = namespaces.get(namespace);
        return replicas == null ? 0 : replicas.length;
    }

    public Set<String> namespaces() {
        return namespaces.keySet();
    }

    /**
     * A map where {@code node}'s claims are exactly those of {@code replicas}. Nodes that lose a partition to it
     * are added to {@code displaced}: they must re-send their maps (reference §2.3, client merge rule).
     */
    public PartitionMap withClaims(Node node, Replicas replicas, Set<Node> displaced) {
        Map<String, Node[][]> updated = new HashMap<>(namespaces);
        for (Replicas.Namespace claims : replicas.namespaces()) {
            Node[][] previous = namespaces.get(claims.name());
            Node[][] table = new Node[claims.replicaCount()][];
            for (int replica = 0; replica < table.length; replica++) {
                table[replica] = previous != null && replica < previous.length ? previous[replica].clone()
                        : new Node[PartitionId.COUNT];
                applyClaims(node, claims, replica, table[replica], displaced);
            }
            updated.put(claims.name(), table);
        }
        for (Map.Entry<String, Node[][]> entry : namespaces.entrySet()) {
            if (replicas.namespaces().stream().noneMatch(claims -> claims.name().equals(entry.getKey()))) {
                updated.put(entry.getKey(), without(entry.getValue(), node));
            }
        }
        return new PartitionMap(Map.copyOf(updated));
    }

    private static void applyClaims(Node node, Replicas.Namespace claims, int replica, Node[] owners,
            Set<Node> displaced) {
        for (int partitionId = 0; partitionId < PartitionId.COUNT; partitionId++) {
            Node owner = owners[partitionId];
            if (claims.owns(replica, partitionId)) {
                if (owner != null && owner != node) {
                    displaced.add(owner);
                }
                owners[partitionId] = node;
            } else if (owner == node) {
                owners[partitionId] = null;
            }
        }
    }

    /** A map where {@code node} holds nothing (it left the cluster). */
    public PartitionMap without(Node node) {
        Map<String, Node[][]> updated = new HashMap<>();
        for (Map.Entry<String, Node[][]> entry : namespaces.entrySet()) {
            updated.put(entry.getKey(), without(entry.getValue(), node));
        }
        return new PartitionMap(Map.copyOf(updated));
    }

    private static Node[][] without(Node[][] table, Node node) {
        Node[][] copy = new Node[table.length][];
        for (int replica = 0; replica < table.length; replica++) {
            copy[replica] = table[replica].clone();
            for (int partitionId = 0; partitionId < copy[replica].length; partitionId++) {
                if (copy[replica][partitionId] == node) {
                    copy[replica][partitionId] = null;
                }
            }
        }
        return copy;
    }

    /** How many partitions of {@code namespace} have {@code node} as replica {@code replica}. */
    public int count(String namespace, int replica, Node node) {
        Node[][] table = namespaces.get(namespace);
        int count = 0;
        if (table != null && replica < table.length) {
            for (Node owner : table[replica]) {
                count += owner == node ? 1 : 0;
            }
        }
        return count;
    }
}
