package io.terndb.tools.bench;

/** A target could not be connected to or loaded, so it was not measured. */
public final class TargetUnavailableException extends Exception {
    public TargetUnavailableException(String message) {
        super(message);
    }
}
