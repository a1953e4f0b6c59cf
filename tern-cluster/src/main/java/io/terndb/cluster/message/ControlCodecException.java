package io.terndb.cluster.message;

/** Bytes that are not a well-formed control message; the connection they came on is closed. */
public final class ControlCodecException extends RuntimeException {

    public ControlCodecException(String message) {
        super(message);
    }
}
