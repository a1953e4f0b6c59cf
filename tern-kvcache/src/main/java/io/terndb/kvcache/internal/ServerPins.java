package io.terndb.kvcache.internal;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.Bin;
import io.terndb.client.BatchOperation;
import io.terndb.client.BatchResult;
import io.terndb.client.GenerationPolicy;
import io.terndb.client.Operation;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.RecordExistsAction;
import io.terndb.client.TernException;
import io.terndb.client.WritePolicy;
import io.terndb.protocol.ResultCode;
import io.terndb.protocol.VoidTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Pin leases on the server, so that every process sharing the set keeps a pinned object, not only the one that
 * pinned it: {@code pin_until} (epoch milliseconds on the pinning process's clock) on the meta record.
 *
 * <p>A pin is one batch operate for all keys (one round trip per server node holding them) whose rows write
 * {@code pin_until} and read back the bins a lookup needs. The write is update-only (a missing object is not
 * created, it answers absent), keeps the record's TTL, sends no user key and touches no other bin; it does bump
 * the record's generation, which is what makes an eviction that read the record before the pin fail its
 * generation-checked delete. The meta bin {@code pin} keeps LMCache's type and value.
 *
 * <p><b>Clocks</b>: the lease is compared with the reading process's clock. Processes sharing a set are assumed to
 * have clocks within {@link #CLOCK_MARGIN_MS} of each other (NTP keeps them within milliseconds); a reader treats
 * a lease as holding that much longer, so a reader whose clock runs ahead of the pinner's by less than the margin
 * still keeps the object for the whole lease.
 */
public final class ServerPins {

    /** How far apart the clocks of processes sharing a set may be; a lease holds this much longer for readers. */
    public static final long CLOCK_MARGIN_MS = 2_000;

    private final AsyncTernClient client;
    private final ObjectKeys keys;
    private final Policy batchPolicy;
    private final WritePolicy pinPolicy;
    private final Duration writeTimeout;

    public ServerPins(AsyncTernClient client, ObjectKeys keys, Duration writeTimeout) {
        this.client = client;
        this.keys = keys;
        this.writeTimeout = writeTimeout;
        this.batchPolicy = Policy.builder().socketTimeout(writeTimeout).totalTimeout(writeTimeout).build();
        this.pinPolicy = leasePolicy(GenerationPolicy.NONE, 0);
    }

    /** Whether a lease read from the server still holds at {@code nowMs} on the reader's clock. */
    public static boolean holds(long pinnedUntilMs, long nowMs) {
        return pinnedUntilMs > 0 && nowMs < pinnedUntilMs + CLOCK_MARGIN_MS;
    }

    /** The lease in a record read from the server, or 0 when it has none. */
    public static long pinnedUntilMs(Record record) {
        return record != null && record.getValue(ObjectLayout.BIN_PIN_UNTIL) instanceof Long until ? until : 0;
    }

    /**
     * Writes {@code pin_until = untilMs} on each object's meta record; per key, the object as the write found it.
     * Fails whole when any key's write failed otherwise than by the object being absent: a lookup must not answer
     * "present and pinned" without the pin.
     */
    public CompletableFuture<List<Pinned>> pin(List<String> objectKeys, long untilMs) {
        List<BatchOperation> rows = new ArrayList<>(objectKeys.size());
        for (String objectKey : objectKeys) {
            rows.add(BatchOperation.of(keys.meta(objectKey), pinPolicy,
                    Operation.put(new Bin(ObjectLayout.BIN_PIN_UNTIL, untilMs)),
                    Operation.get(ObjectLayout.BIN_VERSION), Operation.get(ObjectLayout.BIN_STATE)));
        }
        return client.operate(batchPolicy, rows).thenApply(ServerPins::pinned);
    }

    /**
     * Removes {@code pin_until} from each object whose meta record is still at the generation this process's pin
     * left it at: a later pin by any process (or any other write) changed the generation, and its lease stays.
     * Best effort; failures are ignored, since the lease ends by itself.
     */
    public CompletableFuture<Void> clear(Map<String, Integer> generationByObjectKey) {
        if (generationByObjectKey.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<BatchOperation> rows = new ArrayList<>(generationByObjectKey.size());
        generationByObjectKey.forEach((objectKey, generation) -> rows.add(BatchOperation.of(keys.meta(objectKey),
                leasePolicy(GenerationPolicy.EXPECT_EQUAL, generation),
                Operation.put(Bin.delete(ObjectLayout.BIN_PIN_UNTIL)))));
        return client.operate(batchPolicy, rows).handle((ignored, failure) -> null);
    }

    private static List<Pinned> pinned(List<BatchResult> results) {
        List<Pinned> pinned = new ArrayList<>(results.size());
        for (BatchResult result : results) {
            if (result.resultCode() == ResultCode.KEY_NOT_FOUND) {
                pinned.add(Pinned.ABSENT);
            } else if (!result.isSuccess()) {
                throw new TernException(result.resultCode(), "pin " + result.key(), null, result.inDoubt());
            } else {
                Record record = result.record();
                boolean committed = record.getValue(ObjectLayout.BIN_VERSION) instanceof Long version
                        && version == ObjectLayout.VERSION
                        && ObjectLayout.STATE_READY.equals(record.getValue(ObjectLayout.BIN_STATE));
                pinned.add(committed ? new Pinned(true, record.generation()) : Pinned.ABSENT);
            }
        }
        return pinned;
    }

    /** Update-only (never creates a meta record), the record's TTL unchanged, no user key sent. */
    private WritePolicy leasePolicy(GenerationPolicy check, int generation) {
        return WritePolicy.builder().socketTimeout(writeTimeout).totalTimeout(writeTimeout)
                .recordExistsAction(RecordExistsAction.UPDATE_ONLY).ttlSeconds(VoidTime.TTL_DONT_UPDATE)
                .generation(check, generation).sendKey(false).build();
    }

    /**
     * One key's pin as written.
     *
     * @param present a committed object was found and now carries the lease
     * @param generation the meta record's generation after the lease was written (0 when absent)
     */
    public record Pinned(boolean present, int generation) {
        public static final Pinned ABSENT = new Pinned(false, 0);
    }
}
