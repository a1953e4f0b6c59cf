package io.terndb.protocol.msgpack;

/**
 * MessagePack input that cannot be read: truncated, a count larger than the bytes that follow, a reserved byte,
 * nesting deeper than {@link MsgPackFormat#DEPTH_MAX}, or a value a context does not allow (a comparison sentinel
 * where a stored value is needed). One preallocated instance without a stack trace, so that throwing it costs no
 * allocation: a malformed request is a bad argument (result code 4), not a bug, and the walkers stay linear code
 * instead of threading an error flag through every step.
 */
public final class MalformedMsgPackException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The one instance; callers catch it where a request is answered. */
    public static final MalformedMsgPackException INSTANCE = new MalformedMsgPackException();

    private MalformedMsgPackException() {
        super("malformed msgpack", null, false, false);
    }
}
