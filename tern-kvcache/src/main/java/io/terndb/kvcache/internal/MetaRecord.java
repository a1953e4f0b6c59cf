package io.terndb.kvcache.internal;

import io.terndb.client.Record;
import java.util.Optional;

/**
 * A meta record as read back, checked for the shape a reader relies on. Anything else (older or newer version,
 * a state other than ready, sizes that do not describe a cut, a malformed write id) reads as absent, so the
 * object is a miss rather than a source of wrong bytes.
 *
 * @param plan how the payload is cut into segments
 * @param writeId the write id of the race-safe variant, or empty for LMCache's older variant
 * @param inlinePayload the payload when it is held in the meta record itself (one segment), else null
 * @param inlineCrc CRC32C of the inline payload, or -1 when none was written
 */
public record MetaRecord(SegmentPlan plan, String writeId, byte[] inlinePayload, long inlineCrc) {

    public static final long NO_CRC = -1;

    /** A complete meta record, inline payload included when the object is one segment. */
    public static Optional<MetaRecord> parse(Record record) {
        return parse(record, true);
    }

    /** A meta record read without its payload bin: enough to find the segments. */
    public static Optional<MetaRecord> parseHeader(Record record) {
        return parse(record, false);
    }

    private static Optional<MetaRecord> parse(Record record, boolean withPayload) {
        if (record == null || !(record.getValue(ObjectLayout.BIN_VERSION) instanceof Long version)
                || version != ObjectLayout.VERSION
                || !ObjectLayout.STATE_READY.equals(record.getValue(ObjectLayout.BIN_STATE))
                || !(record.getValue(ObjectLayout.BIN_SEGMENT_COUNT) instanceof Long count)
                || !(record.getValue(ObjectLayout.BIN_SEGMENT_BYTES) instanceof Long segmentBytes)
                || !(record.getValue(ObjectLayout.BIN_TOTAL_BYTES) instanceof Long totalBytes)) {
            return Optional.empty();
        }
        Object writeId = record.getValue(ObjectLayout.BIN_WRITE_ID);
        if (writeId != null && !(writeId instanceof String text && ObjectLayout.isWriteId(text))) {
            return Optional.empty();
        }
        SegmentPlan plan;
        try {
            plan = new SegmentPlan(totalBytes, Math.toIntExact(count), Math.toIntExact(segmentBytes));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] inline = record.getValue(ObjectLayout.BIN_PAYLOAD) instanceof byte[] bytes ? bytes : null;
        if (withPayload && plan.segmentCount() == 1 && (inline == null || inline.length != totalBytes)) {
            return Optional.empty();
        }
        long crc = record.getValue(ObjectLayout.BIN_CRC) instanceof Long value ? value : NO_CRC;
        return Optional.of(new MetaRecord(plan, writeId == null ? "" : (String) writeId, inline, crc));
    }
}
