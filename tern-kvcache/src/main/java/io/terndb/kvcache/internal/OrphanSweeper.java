package io.terndb.kvcache.internal;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.BatchOperation;
import io.terndb.client.BatchResult;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Deletes segment records no committed object refers to: left by a writer killed before its commit, or by a
 * racing writer that lost and died before cleaning up. A segment is an orphan when its object has no meta record,
 * or the meta record names another write id, or fewer segments, or holds the payload inline.
 *
 * <p>A writer's segments are orphans until its commit, so a segment is deleted only once it has been an orphan in
 * censuses at least a grace period apart (longer than a store can take) and still is when its meta record is read
 * again just before the delete. Sightings are kept by this process only, with no clocks compared across
 * machines; a store restarted from scratch needs two sweeps a grace period apart before it deletes anything.
 */
public final class OrphanSweeper {

    private static final String[] META_BINS = CensusScan.CENSUS_BINS;

    private final AsyncTernClient client;
    private final ObjectKeys keys;
    private final Policy readPolicy;
    private final long graceMs;
    private final Map<Key, Long> firstSeenMs = new HashMap<>();

    public OrphanSweeper(AsyncTernClient client, ObjectKeys keys, Policy readPolicy, long graceMs) {
        this.client = client;
        this.keys = keys;
        this.readPolicy = readPolicy;
        this.graceMs = graceMs;
    }

    /** Records the census's orphans; returns those first seen at least the grace period before {@code nowMs}. */
    public synchronized List<Census.Segment> observe(Census census, long nowMs) {
        Map<Key, Long> stillOrphans = new HashMap<>();
        List<Census.Segment> due = new ArrayList<>();
        for (Census.Segment segment : census.segments()) {
            String objectKey = segment.name().objectKey();
            if (census.unreadableMetas().contains(objectKey)
                    || !isOrphan(segment.name(), census.objects().get(objectKey))) {
                continue;
            }
            long seenMs = firstSeenMs.getOrDefault(segment.key(), nowMs);
            stillOrphans.put(segment.key(), seenMs);
            if (nowMs - seenMs >= graceMs) {
                due.add(segment);
            }
        }
        firstSeenMs.clear();
        firstSeenMs.putAll(stillOrphans);
        return due;
    }

    /** Reads the due segments' meta records again and deletes the segments that are still orphans. */
    public CompletableFuture<Integer> delete(List<Census.Segment> due) {
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        Map<String, List<Census.Segment>> byObject = new LinkedHashMap<>();
        due.forEach(segment -> byObject.computeIfAbsent(segment.name().objectKey(), key -> new ArrayList<>())
                .add(segment));
        List<String> objectKeys = List.copyOf(byObject.keySet());
        Key[] metaKeys = objectKeys.stream().map(keys::meta).toArray(Key[]::new);
        return client.get(readPolicy, metaKeys, META_BINS).thenCompose(metas -> {
            List<BatchOperation> deletes = new ArrayList<>();
            for (int index = 0; index < metas.length; index++) {
                Record meta = metas[index];
                Optional<Census.ObjectSummary> summary = CensusScan.summarise(meta);
                if (meta != null && summary.isEmpty()) {
                    continue; // a meta record that is not a committed object: leave its segments alone
                }
                for (Census.Segment segment : byObject.get(objectKeys.get(index))) {
                    if (isOrphan(segment.name(), summary.orElse(null))) {
                        deletes.add(BatchOperation.delete(segment.key()));
                    }
                }
            }
            return deletes.isEmpty() ? CompletableFuture.completedFuture(0)
                    : client.operate(deletes).thenApply(OrphanSweeper::countDeleted);
        });
    }

    /** Whether a segment belongs to no committed object; {@code meta} null when the object has none. */
    static boolean isOrphan(RecordName segment, Census.ObjectSummary meta) {
        return meta == null || meta.segmentCount() == 1 || segment.index() >= meta.segmentCount()
                || !meta.writeId().equals(segment.writeId());
    }

    private static int countDeleted(List<BatchResult> results) {
        return (int) results.stream().filter(BatchResult::isSuccess).count();
    }
}
