package io.terndb.client.internal.command;

/**
 * A reply carried a result code that ends the command. Thrown by {@link Command#parse} and turned into a
 * {@link io.terndb.client.TernException} with the node and in-doubt state by whoever runs the command. The
 * connection stays usable: the reply was read whole.
 */
public final class ServerResultException extends RuntimeException {

    private final int resultCode;

    public ServerResultException(int resultCode, String message) {
        super(message, null, false, false);
        this.resultCode = resultCode;
    }

    public int resultCode() {
        return resultCode;
    }
}
