package io.terndb.tools.bench;

/** What happened to one peer in a run. */
public sealed interface PeerOutcome {
    Peer peer();

    /** Loaded and measured; {@code loadNs} is how long writing every key took. */
    record Measured(Peer peer, long loadNs, Measurement measurement) implements PeerOutcome {}

    /** Could not be connected to or loaded; {@code reason} says why. */
    record Unavailable(Peer peer, String reason) implements PeerOutcome {}
}
