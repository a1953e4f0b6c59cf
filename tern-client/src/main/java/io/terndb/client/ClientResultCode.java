package io.terndb.client;

/**
 * Result codes the client produces itself, never sent on the wire (negative, as in the original client). Server
 * codes (0-255) are in {@code io.terndb.protocol.ResultCode}.
 */
public final class ClientResultCode {

    /** A failure inside the client (a bug, or an argument it could not send). */
    public static final int CLIENT_ERROR = -1;
    /** The server's reply could not be parsed. */
    public static final int PARSE_ERROR = -2;
    /** No node owns the key's partition (cluster not yet known, or partition map incomplete). */
    public static final int INVALID_NODE = -3;
    /** The node's connection pool is at its maximum and none came free in time. */
    public static final int NO_MORE_CONNECTIONS = -7;
    /** No connection could be made, or the client is closed. */
    public static final int SERVER_NOT_AVAILABLE = -8;
    /** Async backpressure: too many commands in flight and the wait queue is full. */
    public static final int QUEUE_FULL = -9;
    /** The command was retried as often as its policy allows. */
    public static final int MAX_RETRIES_EXCEEDED = -11;

    private ClientResultCode() {
    }
}
