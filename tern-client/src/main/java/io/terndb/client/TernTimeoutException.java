package io.terndb.client;

import io.terndb.protocol.ResultCode;

/** A command did not finish within its policy's socket or total timeout (client-side), after its retries. */
public final class TernTimeoutException extends TernException {

    private final int attempts;

    public TernTimeoutException(String message, String node, boolean inDoubt, int attempts, Throwable cause) {
        super(ResultCode.TIMEOUT, message, node, inDoubt, cause);
        this.attempts = attempts;
    }

    /** How many times the command was sent or tried. */
    public int attempts() {
        return attempts;
    }
}
