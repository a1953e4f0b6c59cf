package io.terndb.cluster.fabric;

/** A fabric frame that is not well formed; the connection it came on is closed. */
public final class FabricFormatException extends RuntimeException {

    public FabricFormatException(String message) {
        super(message);
    }
}
