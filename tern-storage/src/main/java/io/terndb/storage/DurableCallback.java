package io.terndb.storage;

/** Told when writes noted in a {@link DurabilityTicket} have reached their devices. */
@FunctionalInterface
public interface DurableCallback {

    /**
     * @param durable true when every write is durable; false when a device failed first (the writes are in doubt:
     *                answer nothing, close the connection)
     */
    void done(boolean durable);
}
