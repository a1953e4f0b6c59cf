package io.terndb.kvcache.internal;

import io.terndb.client.BatchRecordListener;
import io.terndb.client.RecordView;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Verifies one object's segments as their batch rows are parsed and copies each straight from the reply buffer
 * to its place in the destination: one copy after the socket's. A segment is copied only after its length and
 * CRC32C are checked; a later segment that fails makes the load a miss (the destination's bytes past its
 * position are then unspecified, as {@link LoadResult} allows), so no damaged byte is ever reported as a hit.
 *
 * <p>Rows arrive on event loop threads, for segments on several nodes or in several batches at once: the
 * destination is written only at absolute, disjoint ranges, and the counters are atomic. A row delivered twice
 * (its batch retried) is copied again to the same place.
 */
final class SegmentCopy implements BatchRecordListener {

    private final SegmentPlan plan;
    private final int firstSegment;
    private final ByteBuffer destination;
    private final int base;
    private final CopyGate gate;
    private final AtomicIntegerArray copied;
    private final AtomicInteger missing;
    private volatile boolean damaged;
    private volatile boolean shut;

    /** For the {@code count} segments from {@code firstSegment}: row i of the batch is segment firstSegment+i. */
    SegmentCopy(SegmentPlan plan, int firstSegment, int count, ByteBuffer destination, CopyGate gate) {
        this.plan = plan;
        this.firstSegment = firstSegment;
        this.destination = destination;
        this.base = destination.position();
        this.gate = gate;
        this.copied = new AtomicIntegerArray(count);
        this.missing = new AtomicInteger(count);
    }

    @Override
    public void record(int index, int resultCode, RecordView record) {
        if (damaged || shut) {
            return;
        }
        int segment = firstSegment + index;
        int payload = resultCode == ResultCode.OK ? record.find(ObjectLayout.BIN_PAYLOAD) : -1;
        if (payload < 0 || record.particleType(payload) != ParticleType.BLOB
                || record.valueLength(payload) != plan.length(segment)) {
            damaged = true;
            return;
        }
        int crcBin = record.find(ObjectLayout.BIN_CRC);
        long crc = crcBin >= 0 && record.value(crcBin) instanceof Long value ? value : MetaRecord.NO_CRC;
        byte[] array = record.array();
        int offset = record.valueOffset(payload);
        int length = record.valueLength(payload);
        if (!Checksums.matches(array, offset, length, crc)) {
            damaged = true;
            return;
        }
        if (!gate.tryBeginCopy()) {
            shut = true;
            return;
        }
        try {
            destination.put(base + Math.toIntExact(plan.offset(segment)), array, offset, length);
        } finally {
            gate.endCopy();
        }
        if (copied.getAndSet(index, 1) == 0) {
            missing.decrementAndGet();
        }
    }

    /** The outcome once the batches are done; on a hit the destination's position moves past the object. */
    static LoadResult outcome(SegmentCopy[] parts, SegmentPlan plan, ByteBuffer destination, CopyGate gate) {
        boolean timedOut = gate.isClosed();
        for (SegmentCopy part : parts) {
            if (part.damaged) {
                return LoadResult.MISS;
            }
            timedOut |= part.shut;
            if (!timedOut && part.missing.get() != 0) {
                return LoadResult.MISS;
            }
        }
        if (timedOut) {
            return LoadResult.TIMED_OUT;
        }
        destination.position(parts[0].base + Math.toIntExact(plan.totalBytes()));
        return new LoadResult(LoadOutcome.HIT, plan.totalBytes());
    }
}
