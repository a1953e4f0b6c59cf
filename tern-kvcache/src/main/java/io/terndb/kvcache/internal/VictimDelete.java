package io.terndb.kvcache.internal;

import io.terndb.client.Record;
import io.terndb.protocol.ResultCode;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes one eviction victim unless some process pinned it. The meta record's small bins are read again (the
 * census that chose the victim may be old), and the object is kept when its {@code pin} bin is true or its
 * {@code pin_until} lease holds ({@link ServerPins#holds}). Otherwise the meta record is deleted only if its
 * generation is still the one just read: a lease written between the read and the delete bumps the generation,
 * so the delete fails with GENERATION_ERROR and the object is kept. Either the pin's update-only write finds no
 * record (its lookup answers absent) or the delete finds a changed one (it keeps the object); never both miss.
 * Segments follow the meta record, as in a normal delete, so an evicted object disappears whole.
 */
public final class VictimDelete {

    /** The server calls an eviction makes, behind an interface so tests can play the races. */
    public interface Records {
        /** The meta record's small bins and {@code pin_until}, with its generation; null when absent. */
        CompletableFuture<Record> readMetaHeader(String objectKey);

        /** Deletes the meta record if at {@code generation}; false when absent, fails with GENERATION_ERROR. */
        CompletableFuture<Boolean> deleteMeta(String objectKey, int generation);

        CompletableFuture<Void> deleteSegments(String objectKey, MetaRecord meta);
    }

    public enum Outcome {
        /** Deleted here. */
        EVICTED,
        /** Already gone. */
        ABSENT,
        /** Kept: pinned on the server when read. */
        PINNED,
        /** Kept: the meta record changed between the read and the delete (most likely a pin). */
        CHANGED,
        /** A server or network error; the object may still be there. */
        FAILED
    }

    /**
     * @param outcome what became of the victim
     * @param pinnedUntilMs the lease found when {@link Outcome#PINNED} by it, else 0
     */
    public record Result(Outcome outcome, long pinnedUntilMs) {
        static final Result EVICTED = new Result(Outcome.EVICTED, 0);
        static final Result ABSENT = new Result(Outcome.ABSENT, 0);
        static final Result CHANGED = new Result(Outcome.CHANGED, 0);
        static final Result FAILED = new Result(Outcome.FAILED, 0);
    }

    private final Records records;
    private final Clock clock;

    public VictimDelete(Records records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    public CompletableFuture<Result> delete(String objectKey) {
        return records.readMetaHeader(objectKey)
                .thenCompose(record -> record == null ? CompletableFuture.completedFuture(Result.ABSENT)
                        : deleteUnlessPinned(objectKey, record))
                .exceptionally(failure -> Failures.hasResultCode(failure, ResultCode.GENERATION_ERROR)
                        ? Result.CHANGED : Result.FAILED);
    }

    private CompletableFuture<Result> deleteUnlessPinned(String objectKey, Record record) {
        long pinnedUntilMs = ServerPins.pinnedUntilMs(record);
        if (CensusScan.isTrue(record.getValue(ObjectLayout.BIN_PIN))
                || ServerPins.holds(pinnedUntilMs, clock.millis())) {
            return CompletableFuture.completedFuture(new Result(Outcome.PINNED, pinnedUntilMs));
        }
        Optional<MetaRecord> meta = MetaRecord.parseHeader(record);
        return records.deleteMeta(objectKey, record.generation()).thenCompose(existed -> {
            if (!existed) {
                return CompletableFuture.completedFuture(Result.ABSENT);
            }
            if (meta.isEmpty() || meta.get().plan().segmentCount() == 1) {
                return CompletableFuture.completedFuture(Result.EVICTED);
            }
            // The object is gone with its meta record; segments left by a failure are orphans (swept, or their TTL).
            return records.deleteSegments(objectKey, meta.get()).handle((ignored, failure) -> Result.EVICTED);
        });
    }
}
