package io.terndb.kvcache.internal;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.BatchOperation;
import io.terndb.client.Bin;
import io.terndb.client.Key;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.kvcache.StoreResult;
import io.terndb.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Stores one object in the race-safe layout: all segments in parallel under a fresh write id, then the meta
 * record create-only. The meta write is the commit point, so readers see either no object or a complete one;
 * a writer that loses the race (the meta exists) deletes its own segments, which no meta record refers to.
 *
 * <p>A writer that took longer than {@code commitCutoffMs} to write its segments (a stalled process, a long pause)
 * does not commit: orphan sweeps in other processes may already be deleting segments that old, and a commit
 * then would make an object visible whose segments are going. It fails and deletes its segments instead.
 */
public final class ObjectWriter {

    private final AsyncTernClient client;
    private final ObjectKeys keys;
    private final WritePolicy segmentPolicy;
    private final WritePolicy metaPolicy;
    private final long segmentTargetBytes;
    private final long commitCutoffMs;
    private final Clock clock;
    private final RandomGenerator random;

    public ObjectWriter(AsyncTernClient client, ObjectKeys keys, WritePolicy segmentPolicy, WritePolicy metaPolicy,
            long segmentTargetBytes, long commitCutoffMs, Clock clock, RandomGenerator random) {
        this.client = client;
        this.keys = keys;
        this.segmentPolicy = segmentPolicy;
        this.metaPolicy = metaPolicy;
        this.segmentTargetBytes = segmentTargetBytes;
        this.commitCutoffMs = commitCutoffMs;
        this.clock = clock;
        this.random = random;
    }

    /** Stores the payload's remaining bytes; the buffer's position and limit are left as they were. */
    public CompletableFuture<StoreResult> store(String objectKey, ByteBuffer payload) {
        SegmentPlan plan = SegmentPlan.of(payload.remaining(), segmentTargetBytes);
        String writeId = ObjectLayout.writeId(random.nextLong());
        if (plan.segmentCount() == 1) {
            byte[] bytes = copy(payload, 0, plan.length(0));
            return commit(objectKey, plan, writeId, bytes).handle((ignored, failure) -> outcome(failure));
        }
        List<Key> segmentKeys = keys.segments(objectKey, writeId, plan.segmentCount());
        long startedAtMs = clock.millis();
        return writeSegments(segmentKeys, plan, payload)
                .thenCompose(ignored -> commitInTime(objectKey, plan, writeId, startedAtMs))
                .handle((ignored, failure) -> failure)
                .thenCompose(failure -> finish(failure, segmentKeys));
    }

    private CompletableFuture<Void> writeSegments(List<Key> segmentKeys, SegmentPlan plan, ByteBuffer payload) {
        CompletableFuture<?>[] writes = new CompletableFuture<?>[plan.segmentCount()];
        for (int index = 0; index < plan.segmentCount(); index++) {
            // A view, not a copy: the client encodes it straight from the caller's buffer, which stays untouched
            // until this store's future completes (after every segment write has ended).
            ByteBuffer segment = payload.slice(payload.position() + Math.toIntExact(plan.offset(index)),
                    plan.length(index));
            long crc = Checksums.crc32c(segment);
            writes[index] = client.put(segmentPolicy, segmentKeys.get(index),
                    new Bin(ObjectLayout.BIN_PAYLOAD, segment), new Bin(ObjectLayout.BIN_CRC, crc));
        }
        return CompletableFuture.allOf(writes);
    }

    private CompletableFuture<Void> commitInTime(String objectKey, SegmentPlan plan, String writeId,
            long startedAtMs) {
        long elapsedMs = clock.millis() - startedAtMs;
        if (elapsedMs > commitCutoffMs) {
            return CompletableFuture.failedFuture(new IllegalStateException("segments took " + elapsedMs
                    + " ms, over the commit cutoff of " + commitCutoffMs + " ms"));
        }
        return commit(objectKey, plan, writeId, null);
    }

    private CompletableFuture<Void> commit(String objectKey, SegmentPlan plan, String writeId, byte[] inline) {
        List<Bin> bins = new ArrayList<>(10);
        bins.add(new Bin(ObjectLayout.BIN_VERSION, ObjectLayout.VERSION));
        bins.add(new Bin(ObjectLayout.BIN_STATE, ObjectLayout.STATE_READY));
        bins.add(new Bin(ObjectLayout.BIN_SEGMENT_COUNT, plan.segmentCount()));
        bins.add(new Bin(ObjectLayout.BIN_SEGMENT_BYTES, plan.segmentBytes()));
        bins.add(new Bin(ObjectLayout.BIN_TOTAL_BYTES, plan.totalBytes()));
        bins.add(new Bin(ObjectLayout.BIN_CREATED_AT, clock.instant().getEpochSecond()));
        bins.add(new Bin(ObjectLayout.BIN_PIN, false));
        bins.add(new Bin(ObjectLayout.BIN_WRITE_ID, writeId));
        if (inline != null) {
            bins.add(new Bin(ObjectLayout.BIN_PAYLOAD, inline));
            bins.add(new Bin(ObjectLayout.BIN_CRC, Checksums.crc32c(inline)));
        }
        return client.put(metaPolicy, keys.meta(objectKey), bins.toArray(Bin[]::new));
    }

    /**
     * Segments are deleted unless the meta write may have been applied: then they may belong to a visible
     * object, and are left for their TTL instead.
     */
    private CompletableFuture<StoreResult> finish(Throwable failure, List<Key> segmentKeys) {
        StoreResult outcome = outcome(failure);
        if (outcome.outcome() == StoreOutcome.STORED || Failures.isInDoubt(failure)) {
            return CompletableFuture.completedFuture(outcome);
        }
        return deleteQuietly(segmentKeys).thenApply(ignored -> outcome);
    }

    private static StoreResult outcome(Throwable failure) {
        if (failure == null) {
            return StoreResult.STORED;
        }
        return Failures.hasResultCode(failure, ResultCode.KEY_EXISTS) ? StoreResult.ALREADY_STORED
                : StoreResult.failed(Failures.asTernException(failure));
    }

    /** Best effort: a segment left behind is invisible and expires with its TTL. */
    private CompletableFuture<Void> deleteQuietly(List<Key> segmentKeys) {
        List<BatchOperation> deletes = segmentKeys.stream().map(BatchOperation::delete).toList();
        return client.operate(deletes).handle((ignored, failure) -> null);
    }

    private static byte[] copy(ByteBuffer payload, long offset, int length) {
        byte[] bytes = new byte[length];
        payload.get(payload.position() + Math.toIntExact(offset), bytes);
        return bytes;
    }
}
