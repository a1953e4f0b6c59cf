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
    /** The partition's copies are being merged: the record's other versions must be fetched first. */
    static final int RESOLVE = 3;

    private Routing() {
    }

    /** Writes always resolve duplicates; reads when the client (read mode AP ALL) or the namespace asks. */
    private static boolean resolvesDuplicates(AsMessage message, Namespace namespace, boolean read) {
        if (!read) {
            return true;
        }
        Boolean override = namespace.config().distribution().readDuplicates();
        return override != null ? override
                : (message.info1 & io.terndb.protocol.MessageFlags.INFO1_READ_MODE_AP_ALL) != 0;
    }

    /** Lock held. Sets {@code state.route} (and the proxy target) and returns whether to go on here. */
    static boolean serveHere(WorkerState state, Namespace namespace, int pid, boolean read) {
        PartitionState partition = namespace.partitions().state(pid);
        if (!partition.ready()) {
            state.route = WAIT;
            return false;
        }
        if (partition.serving() || read && partition.servesReads()) {
            if (partition.duplicates().length > 0 && !state.duplicatesResolved
                    && resolvesDuplicates(state.message, namespace, read)) {
                state.route = RESOLVE;
                state.partitionState = partition;
                return false;
            }
            state.route = SERVE;
            state.partitionState = partition;
            return true;
        }
        state.route = PROXY;
        state.proxyTarget = partition.proxyTarget();
        return false;
    }
}
