package io.terndb.client;

/**
 * A command failed. Carries the result code (a server code 0-255 from {@code io.terndb.protocol.ResultCode}, or a
 * negative {@link ClientResultCode}), the name of the node that failed it (null when no node was chosen), and
 * whether a write is <em>in doubt</em>: it was sent, and may or may not have been applied.
 *
 * <p>Expected outcomes are not exceptions: a missing record is {@code null} from {@code get}, {@code false} from
 * {@code exists} and {@code delete}.
 */
public class TernException extends RuntimeException {

    private final int resultCode;
    private final String node;
    private final boolean inDoubt;

    public TernException(int resultCode, String message, String node, boolean inDoubt, Throwable cause) {
        super(message, cause);
        this.resultCode = resultCode;
        this.node = node;
        this.inDoubt = inDoubt;
    }

    public TernException(int resultCode, String message, String node, boolean inDoubt) {
        this(resultCode, message, node, inDoubt, null);
    }

    public int resultCode() {
        return resultCode;
    }

    /** The node that failed the command, or null. */
    public String node() {
        return node;
    }

    /** True when a write was sent and may have been applied even though it failed. */
    public boolean inDoubt() {
        return inDoubt;
    }

    @Override
    public String getMessage() {
        return "result code " + resultCode + ": " + super.getMessage() + (node == null ? "" : " (node " + node + ")")
                + (inDoubt ? " [in doubt]" : "");
    }
}
