package io.terndb.kvcache.internal;

import io.terndb.client.AsyncTernClient;
import io.terndb.client.Key;
import io.terndb.client.PartitionFilter;
import io.terndb.client.Record;
import io.terndb.client.ScanPolicy;
import io.terndb.client.Value;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a {@link Census} with one scan of the set that selects only the meta records' small bins: segment records
 * and the inline payload {@code b} of one-segment objects come back without bin data, so the scan moves keys and a
 * few numbers per object, not payload.
 */
public final class CensusScan {

    static final String[] CENSUS_BINS = {ObjectLayout.BIN_VERSION, ObjectLayout.BIN_STATE,
            ObjectLayout.BIN_SEGMENT_COUNT, ObjectLayout.BIN_SEGMENT_BYTES, ObjectLayout.BIN_TOTAL_BYTES,
            ObjectLayout.BIN_CREATED_AT, ObjectLayout.BIN_PIN, ObjectLayout.BIN_WRITE_ID,
            ObjectLayout.BIN_PIN_UNTIL};

    private final AsyncTernClient client;
    private final ObjectKeys keys;
    private final ScanPolicy policy;
    private final Clock clock;

    public CensusScan(AsyncTernClient client, ObjectKeys keys, ScanPolicy policy, Clock clock) {
        this.client = client;
        this.keys = keys;
        this.policy = policy;
        this.clock = clock;
    }

    public CompletableFuture<Census> take() {
        long startedAtMs = clock.millis();
        Collector collector = new Collector();
        return client.scan(policy, PartitionFilter.all(), keys.namespace(), keys.setName(), collector::add,
                CENSUS_BINS).thenApply(ignored -> collector.census(startedAtMs));
    }

    /** Summarises one meta record's small bins, or empty when it is not a committed object. */
    static Optional<Census.ObjectSummary> summarise(Record record) {
        return MetaRecord.parseHeader(record).map(meta -> new Census.ObjectSummary(meta.plan().totalBytes(),
                meta.plan().segmentCount(), meta.writeId(),
                record.getValue(ObjectLayout.BIN_CREATED_AT) instanceof Long seconds ? seconds : 0,
                isTrue(record.getValue(ObjectLayout.BIN_PIN)), ServerPins.pinnedUntilMs(record)));
    }

    static boolean isTrue(Object value) {
        return value instanceof Boolean flag ? flag : value instanceof Long number && number != 0;
    }

    /** Scan listeners run on several event loop threads at once; every call takes the lock. */
    private static final class Collector {
        private final Map<String, Census.ObjectSummary> objects = new HashMap<>();
        private final Set<String> unreadableMetas = new HashSet<>();
        private final List<Census.Segment> segments = new ArrayList<>();
        private long unkeyedObjects;
        private long unkeyedBytes;

        synchronized void add(Key key, Record record) {
            Optional<RecordName> name = key.userKey() instanceof Value.StringValue text
                    ? RecordName.parse(text.value()) : Optional.empty();
            if (name.isEmpty()) {
                countUnkeyed(record);
            } else if (name.get().meta()) {
                summarise(record).ifPresentOrElse(summary -> objects.put(name.get().objectKey(), summary),
                        () -> unreadableMetas.add(name.get().objectKey()));
            } else {
                segments.add(new Census.Segment(name.get(), key));
            }
        }

        private void countUnkeyed(Record record) {
            Optional<Census.ObjectSummary> summary = summarise(record);
            if (summary.isPresent()) {
                unkeyedObjects++;
                unkeyedBytes += summary.get().totalBytes();
            }
        }

        synchronized Census census(long startedAtMs) {
            return new Census(objects, unreadableMetas, segments, unkeyedObjects, unkeyedBytes, startedAtMs);
        }
    }
}
