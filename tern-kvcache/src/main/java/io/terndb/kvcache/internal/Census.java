package io.terndb.kvcache.internal;

import io.terndb.client.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one scan of the set found: the objects (from their meta records' small bins) and the segment records (keys
 * only). Records written without their user key can be told apart (meta records have a {@code ver} bin) but not
 * tied to an object: such objects are only counted, and such segments are left to their TTL.
 *
 * @param objects committed objects by key
 * @param unreadableMetas keys whose meta record exists but is not a committed object (kept out of orphan sweeps)
 * @param segments every segment record whose user key was stored
 * @param unkeyedObjects committed objects whose meta record has no stored user key
 * @param unkeyedBytes their payload bytes
 * @param startedAtMs when the scan started, on the store's clock
 */
public record Census(Map<String, ObjectSummary> objects, Set<String> unreadableMetas, List<Segment> segments,
        long unkeyedObjects, long unkeyedBytes, long startedAtMs) {

    public Census {
        objects = Map.copyOf(objects);
        unreadableMetas = Set.copyOf(unreadableMetas);
        segments = List.copyOf(segments);
    }

    /**
     * @param totalBytes the object's payload bytes
     * @param segmentCount its segments; 1 means the payload is inline and no segment record belongs to it
     * @param writeId the write id of its segments; empty for the older variant
     * @param createdAtSeconds {@code created_at}, or 0 when absent
     * @param pinnedOnServer the meta record's {@code pin} bin is true (never evicted by this store)
     * @param pinnedUntilMs its {@code pin_until} lease (epoch ms on the pinner's clock), or 0 when none
     */
    public record ObjectSummary(long totalBytes, int segmentCount, String writeId, long createdAtSeconds,
            boolean pinnedOnServer, long pinnedUntilMs) {
    }

    /** A segment record as named by its stored user key, and the key to delete it by. */
    public record Segment(RecordName name, Key key) {
    }
}
