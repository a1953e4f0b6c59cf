package io.terndb.client;

/**
 * An async command was refused before it was sent: its event loop had {@code maxInFlight} commands running and
 * {@code waitQueueCapacity} waiting. Nothing was sent; slow down or raise the limits.
 */
public final class TernBackpressureException extends TernException {

    public TernBackpressureException(String message) {
        super(ClientResultCode.QUEUE_FULL, message, null, false);
    }
}
