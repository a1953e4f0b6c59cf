package io.terndb.cluster.message;

import java.util.List;

/**
 * The control plane's messages: heartbeats, the Paxos rounds that agree on a view, and the exchange of partition
 * versions that follows. They are small, may be lost, duplicated or reordered, and every handler tolerates that.
 * {@link ControlCodec} gives their bytes.
 */
public sealed interface ControlMessage {

    /** The sender's node id. */
    long from();

    /**
     * I am alive. {@code adjacency} is every node the sender hears now; {@code clusterKey} and {@code members} its
     * current view (0 and empty when it has none); {@code peers} the heartbeat endpoints it knows, so a mesh
     * grows from a few seeds.
     */
    record Heartbeat(long from, String clusterName, long clusterKey, long[] members, long[] adjacency,
            NodeEndpoints endpoints, List<String> peers) implements ControlMessage {
        public Heartbeat {
            peers = List.copyOf(peers);
        }
    }

    /** Phase 1: a principal asks the members it wants to promise not to accept lower ballots. */
    record Prepare(long from, long ballot, long[] members) implements ControlMessage {
    }

    /** Phase 1 answer; a refusal carries the acceptor's promised ballot so the proposer can go above it. */
    record Promise(long from, long ballot, boolean granted, long promisedBallot) implements ControlMessage {
    }

    /** Phase 2: the value, a new cluster key and its succession list. */
    record Accept(long from, long ballot, long clusterKey, long[] members) implements ControlMessage {
    }

    record Accepted(long from, long ballot, boolean granted) implements ControlMessage {
    }

    /** Phase 3: the view is decided; members install it. Sent again until acknowledged. */
    record Commit(long from, long ballot, long clusterKey, long[] members) implements ControlMessage {
    }

    record CommitAck(long from, long ballot) implements ControlMessage {
    }

    /**
     * After a view is installed, every member sends every other member its partition versions, and all the system
     * metadata it holds (so a node that joins learns it).
     */
    record Exchange(long from, long clusterKey, List<NamespaceVersions> namespaces, List<MetadataEntry> metadata)
            implements ControlMessage {
        public Exchange {
            namespaces = List.copyOf(namespaces);
            metadata = List.copyOf(metadata);
        }
    }

    /** New system metadata, sent to every member until each acknowledges {@code id}. */
    record Metadata(long from, long id, List<MetadataEntry> entries) implements ControlMessage {
        public Metadata {
            entries = List.copyOf(entries);
        }
    }

    record MetadataAck(long from, long id) implements ControlMessage {
    }

    record ExchangeAck(long from, long clusterKey) implements ControlMessage {
    }
}
