package io.terndb.kvcache.internal;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.BatchOperation;
import io.terndb.client.GenerationPolicy;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Reads objects in either segment-key variant: the meta record, then all segments in a few batch reads sent
 * together (two round trips however many segments). Each segment is checked (present, the length the plan
 * gives, CRC32C when one was written) before its bytes are copied, straight from the reply buffer, to their place
 * in the destination (see {@link SegmentCopy}); the write id in the segment keys is what keeps a racing writer's
 * segments out, so a torn or mixed object reads as a miss. Deletes too, unconditionally or (for
 * eviction, see {@link VictimDelete}) only at the generation last read.
 */
public final class ObjectReader implements VictimDelete.Records {

    /**
     * Segments per batch read of one load. The batches go out together, so an object still takes two round
     * trips, but their replies arrive on several connections and event loops and are verified and copied in
     * parallel; see docs/BENCHMARKS.md for the measurement behind the value.
     */
    static final int SEGMENTS_PER_BATCH = 8;
    private static final String[] SEGMENT_BINS = {ObjectLayout.BIN_PAYLOAD, ObjectLayout.BIN_CRC};
    private static final String[] LOOKUP_BINS = {ObjectLayout.BIN_VERSION, ObjectLayout.BIN_STATE};
    private static final String[] DELETE_BINS = {ObjectLayout.BIN_VERSION, ObjectLayout.BIN_STATE,
            ObjectLayout.BIN_SEGMENT_COUNT, ObjectLayout.BIN_SEGMENT_BYTES, ObjectLayout.BIN_TOTAL_BYTES,
            ObjectLayout.BIN_WRITE_ID};
    /** What an eviction needs to decide: the delete's bins plus both kinds of pin. */
    private static final String[] EVICTION_BINS = {ObjectLayout.BIN_VERSION, ObjectLayout.BIN_STATE,
            ObjectLayout.BIN_SEGMENT_COUNT, ObjectLayout.BIN_SEGMENT_BYTES, ObjectLayout.BIN_TOTAL_BYTES,
            ObjectLayout.BIN_WRITE_ID, ObjectLayout.BIN_PIN, ObjectLayout.BIN_PIN_UNTIL};

    private final AsyncTernClient client;
    private final ObjectKeys keys;
    private final Policy readPolicy;
    private final Duration writeTimeout;

    public ObjectReader(AsyncTernClient client, ObjectKeys keys, Policy readPolicy, Duration writeTimeout) {
        this.client = client;
        this.keys = keys;
        this.readPolicy = readPolicy;
        this.writeTimeout = writeTimeout;
    }

    /** One batch read of the meta records' version and state: true where a committed object exists. */
    public CompletableFuture<boolean[]> lookup(List<String> objectKeys) {
        Key[] metaKeys = objectKeys.stream().map(keys::meta).toArray(Key[]::new);
        return client.get(readPolicy, metaKeys, LOOKUP_BINS).thenApply(records -> {
            boolean[] present = new boolean[records.length];
            for (int index = 0; index < records.length; index++) {
                Record record = records[index];
                present[index] = record != null
                        && record.getValue(ObjectLayout.BIN_VERSION) instanceof Long version
                        && version == ObjectLayout.VERSION
                        && ObjectLayout.STATE_READY.equals(record.getValue(ObjectLayout.BIN_STATE));
            }
            return present;
        });
    }

    /** Loads one object; bytes reach the destination only through the gate (see {@link CopyGate}). */
    public CompletableFuture<LoadResult> load(String objectKey, ByteBuffer destination, CopyGate gate) {
        return client.get(readPolicy, keys.meta(objectKey))
                .thenCompose(record -> loadObject(objectKey, MetaRecord.parse(record), destination, gate))
                .exceptionally(failure -> LoadResult.failed(Failures.asTernException(failure)));
    }

    private CompletableFuture<LoadResult> loadObject(String objectKey, Optional<MetaRecord> found,
            ByteBuffer destination, CopyGate gate) {
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(LoadResult.MISS);
        }
        MetaRecord meta = found.get();
        SegmentPlan plan = meta.plan();
        if (plan.totalBytes() > destination.remaining()) {
            return CompletableFuture.completedFuture(new LoadResult(LoadOutcome.DESTINATION_TOO_SMALL, 0));
        }
        if (plan.segmentCount() == 1) {
            if (!Checksums.matches(meta.inlinePayload(), meta.inlineCrc())) {
                return CompletableFuture.completedFuture(LoadResult.MISS);
            }
            if (!gate.tryBeginCopy()) {
                return CompletableFuture.completedFuture(LoadResult.TIMED_OUT);
            }
            try {
                destination.put(meta.inlinePayload());
            } finally {
                gate.endCopy();
            }
            return CompletableFuture.completedFuture(new LoadResult(LoadOutcome.HIT, plan.totalBytes()));
        }
        Key[] segmentKeys = keys.segments(objectKey, meta.writeId(), plan.segmentCount()).toArray(Key[]::new);
        int batches = (segmentKeys.length + SEGMENTS_PER_BATCH - 1) / SEGMENTS_PER_BATCH;
        SegmentCopy[] parts = new SegmentCopy[batches];
        CompletableFuture<?>[] reads = new CompletableFuture<?>[batches];
        for (int batch = 0; batch < batches; batch++) {
            int first = batch * SEGMENTS_PER_BATCH;
            int count = Math.min(SEGMENTS_PER_BATCH, segmentKeys.length - first);
            parts[batch] = new SegmentCopy(plan, first, count, destination, gate);
            reads[batch] = client.getViews(readPolicy, Arrays.copyOfRange(segmentKeys, first, first + count),
                    SEGMENT_BINS, parts[batch]);
        }
        return CompletableFuture.allOf(reads)
                .thenApply(ignored -> SegmentCopy.outcome(parts, plan, destination, gate));
    }

    /**
     * Deletes the meta record first, so the object disappears at once, then its segments in one batch.
     * Segments of an unreadable meta record are left for their TTL.
     */
    public CompletableFuture<DeleteOutcome> delete(String objectKey) {
        return deleteObject(objectKey)
                .thenApply(existed -> existed ? DeleteOutcome.DELETED : DeleteOutcome.ABSENT)
                .exceptionally(failure -> DeleteOutcome.FAILED);
    }

    private CompletableFuture<Boolean> deleteObject(String objectKey) {
        Key metaKey = keys.meta(objectKey);
        return client.get(readPolicy, metaKey, DELETE_BINS).thenCompose(record -> {
            Optional<MetaRecord> meta = MetaRecord.parseHeader(record);
            return client.delete(metaKey).thenCompose(existed -> {
                if (meta.isEmpty() || meta.get().plan().segmentCount() == 1) {
                    return CompletableFuture.completedFuture(existed);
                }
                return deleteSegments(objectKey, meta.get()).thenApply(ignored -> existed);
            });
        });
    }

    @Override
    public CompletableFuture<Record> readMetaHeader(String objectKey) {
        return client.get(readPolicy, keys.meta(objectKey), EVICTION_BINS);
    }

    @Override
    public CompletableFuture<Boolean> deleteMeta(String objectKey, int generation) {
        WritePolicy policy = WritePolicy.builder().socketTimeout(writeTimeout).totalTimeout(writeTimeout)
                .generation(GenerationPolicy.EXPECT_EQUAL, generation).build();
        return client.delete(policy, keys.meta(objectKey));
    }

    /** One batch; rows that fail leave orphan segments, which the sweep or their TTL removes. */
    @Override
    public CompletableFuture<Void> deleteSegments(String objectKey, MetaRecord meta) {
        List<BatchOperation> deletes = keys.segments(objectKey, meta.writeId(), meta.plan().segmentCount())
                .stream().map(BatchOperation::delete).toList();
        return client.operate(deletes).thenApply(ignored -> null);
    }
}
