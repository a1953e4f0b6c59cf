package io.terndb.client.internal.codec;

/** A reply did not follow the wire format; the connection it came on is closed. */
public final class ParseException extends RuntimeException {

    public ParseException(String message) {
        super(message);
    }
}
