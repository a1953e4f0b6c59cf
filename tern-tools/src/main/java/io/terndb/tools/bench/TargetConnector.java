package io.terndb.tools.bench;

/** Opens a {@link PeerTarget}; {@code AerospikeTarget::connect} and {@code RedisTarget::connect} are two. */
@FunctionalInterface
public interface TargetConnector {
    PeerTarget connect(HostPort address, Workload workload, byte[] value) throws TargetUnavailableException;
}
