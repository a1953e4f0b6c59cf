package io.terndb.client.internal.command;

import io.terndb.client.ClientResultCode;
import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.TernException;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.protocol.ResultCode;

/** A command on one record: routed by the key's partition, answered by exactly one reply record. */
abstract class SingleCommand<T> extends Command<T> {

    protected final Key key;
    private T result;

    SingleCommand(Policy policy, CommandKind kind, Key key) {
        super(policy, kind);
        this.key = key;
    }

    @Override
    public final Node node(Cluster cluster, int attempt) {
        Node node = cluster.node(key.namespace(), key.partitionId(), policy().replica(), attempt, isWrite());
        if (node == null) {
            throw new TernException(ClientResultCode.INVALID_NODE, "no active node holds partition "
                    + key.partitionId() + " of namespace " + key.namespace(), null, false);
        }
        return node;
    }

    @Override
    public final boolean parse(ReplyParser parser, byte[] data, int offset, int length) {
        parser.reset(data, offset, length).next();
        parser.skipFields();
        result = handle(parser);
        return true;
    }

    /** Turns the reply record (header read, fields skipped) into the result, or throws for a failure code. */
    abstract T handle(ReplyParser parser);

    @Override
    public final T result() {
        return result;
    }

    static ServerResultException failure(ReplyParser parser, String what) {
        return new ServerResultException(parser.resultCode, what + " failed: " + describe(parser.resultCode));
    }

    static String describe(int resultCode) {
        return switch (resultCode) {
            case ResultCode.KEY_NOT_FOUND -> "record not found";
            case ResultCode.GENERATION_ERROR -> "generation mismatch";
            case ResultCode.PARAMETER_ERROR -> "bad parameter";
            case ResultCode.KEY_EXISTS -> "record exists";
            case ResultCode.TIMEOUT -> "server timeout";
            case ResultCode.BIN_TYPE_ERROR -> "bin type mismatch";
            case ResultCode.RECORD_TOO_BIG -> "record too big";
            case ResultCode.UNSUPPORTED_FEATURE -> "unsupported feature";
            case ResultCode.DEVICE_OVERLOAD -> "device overload";
            case ResultCode.KEY_MISMATCH -> "stored key differs";
            case ResultCode.INVALID_NAMESPACE -> "namespace not found";
            case ResultCode.BIN_NAME_TOO_LONG -> "bin name too long";
            case ResultCode.FAIL_FORBIDDEN -> "forbidden now";
            default -> "server result code " + resultCode;
        };
    }
}
