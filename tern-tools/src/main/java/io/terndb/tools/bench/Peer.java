package io.terndb.tools.bench;

/** One server to measure: its kind, the name shown in results, and where it listens. */
public record Peer(TargetKind kind, String name, HostPort address) {}
