package io.terndb.server.txn;

import io.terndb.cluster.partition.PartitionState;
import io.terndb.server.namespace.Namespace;

/**
 * Where a single-record transaction runs: here, later (the partition is between views), or on the node that serves
 * the partition (the request is proxied there). Decided under the partition's lock, in the same hold as the
 * transaction itself, so a hand-off can never fall between the check and the change.
 */
final class Routing {

    static final int SERVE = 0;
    /** The partition is between a new view and its rebalance: try again shortly. */
    static final int WAIT = 1;
    /** Another node serves the partition: {@link WorkerState#proxyTarget} says which. */
    static final int PROXY = 2;

    private Routing() {
    }

    /** Lock held. Sets {@code state.route} (and the proxy target) and returns whether to go on here. */
    static boolean serveHere(WorkerState state, Namespace namespace, int pid, boolean read) {
        PartitionState partition = namespace.partitions().state(pid);
        if (!partition.ready()) {
            state.route = WAIT;
            return false;
        }
        if (partition.serving() || read && partition.servesReads()) {
            state.route = SERVE;
            state.partitionState = partition;
            return true;
        }
        state.route = PROXY;
        state.proxyTarget = partition.proxyTarget();
        return false;
    }
}
