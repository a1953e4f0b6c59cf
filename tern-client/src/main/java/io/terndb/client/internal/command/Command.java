package io.terndb.client.internal.command;

import io.terndb.client.CommandKind;
import io.terndb.client.Policy;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ReplyParser;

/**
 * One request/reply conversation with one node, independent of how it is carried: the sync executor and the async
 * event loops both pick a node, encode, feed reply frames to {@link #parse} until it says done, and retry per the
 * policy. A command is used by one thread at a time.
 */
public abstract class Command<T> {

    private final Policy policy;
    private final CommandKind kind;

    protected Command(Policy policy, CommandKind kind) {
        this.policy = policy;
        this.kind = kind;
    }

    public final Policy policy() {
        return policy;
    }

    public final CommandKind kind() {
        return kind;
    }

    /** Whether the command changes data (so a failure after sending leaves it in doubt). */
    public abstract boolean isWrite();

    /**
     * The node for attempt {@code attempt} (0 = first).
     *
     * @throws io.terndb.client.TernException INVALID_NODE when no node holds the data
     */
    public abstract Node node(Cluster cluster, int attempt);

    /** For commands bound to one node (batch and scan parts): that node while it is in the cluster. */
    protected static Node stillActive(Node node) {
        if (!node.isActive()) {
            throw new io.terndb.client.TernException(io.terndb.client.ClientResultCode.INVALID_NODE,
                    "node left the cluster", node.name(), false);
        }
        return node;
    }

    /** Encodes the whole request, proto header included, into {@code out} (which it resets first). */
    public abstract void write(CommandBuffer out);

    /**
     * Takes one AS_MSG reply frame body; returns true when the reply is complete.
     *
     * @throws ServerResultException for a result code that ends the command
     */
    public abstract boolean parse(ReplyParser parser, byte[] data, int offset, int length);

    /** The outcome, after {@link #parse} returned true. */
    public abstract T result();

    /** Called before each attempt, so a retry starts from a clean state. */
    public void prepareAttempt() {
    }

    /** Whether a server result code may succeed if tried again (reference §7.2: timeout, device overload). */
    public static boolean isRetryable(int resultCode) {
        return resultCode == io.terndb.protocol.ResultCode.TIMEOUT
                || resultCode == io.terndb.protocol.ResultCode.DEVICE_OVERLOAD;
    }
}
