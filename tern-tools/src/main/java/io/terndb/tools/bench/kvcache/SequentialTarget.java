package io.terndb.tools.bench.kvcache;

import io.terndb.client.Bin;
import io.terndb.client.ClientConfig;
import io.terndb.client.Key;
import io.terndb.client.Policy;
import io.terndb.client.Record;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.internal.ObjectLayout;
import io.terndb.kvcache.internal.SegmentPlan;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * LMCache's connector access pattern on TernDB through tern-client's synchronous API: a store puts each segment
 * one after another, then the meta record; a load gets the meta record, then each segment one after another
 * (1 + nseg dependent round trips). Same records as the chunk store, without its checksums (LMCache writes none):
 * key and bin names and the cut of an object come from tern-kvcache's {@link ObjectLayout} and {@link SegmentPlan},
 * which describe LMCache's format.
 */
final class SequentialTarget implements KvTarget {

    private final TernClient client;
    private final String namespace;
    private final String set;
    private final long segmentTargetBytes;
    private final long recordCapBytes;
    private final Policy readPolicy;
    private final WritePolicy writePolicy;
    private final SplittableRandom writeIds;

    private SequentialTarget(TernClient client, KvCacheSettings settings, long segmentTargetBytes,
            long recordCapBytes) {
        this.client = client;
        this.namespace = settings.namespace();
        this.set = settings.set();
        this.segmentTargetBytes = segmentTargetBytes;
        this.recordCapBytes = recordCapBytes;
        Duration timeout = Duration.ofMillis(settings.timeoutMs());
        this.readPolicy = Policy.builder().socketTimeout(timeout).totalTimeout(timeout).build();
        // LMCache's default TTL, as the chunk store writes with it too.
        this.writePolicy = WritePolicy.builder().socketTimeout(timeout).totalTimeout(timeout)
                .ttlSeconds(ChunkStoreConfig.DEFAULT_TTL_SECONDS_DEFAULT).build();
        this.writeIds = new SplittableRandom(settings.seed());
    }

    static SequentialTarget connect(KvCacheSettings settings) {
        ClientConfig config = ClientConfig.builder().seed(settings.host(), settings.port())
                .maxConnectionsPerNode(Math.max(100, settings.inFlight()))
                .infoTimeout(Duration.ofMillis(settings.timeoutMs()))
                .build();
        TernClient client = TernClient.connect(config);
        try {
            // The chunk store's public API derives the segment size the same way LMCache does (the namespace's
            // record cap less a 64 KiB margin, or the configured target when smaller): one rule for both targets.
            ChunkStore sizing = ChunkStore.open(client, ChunkStoreConfig.builder().environment(Map.of())
                    .hosts(settings.host() + ":" + settings.port()).namespace(settings.namespace())
                    .setName(settings.set()).targetSegmentBytes(settings.segmentBytes()).build());
            return new SequentialTarget(client, settings, sizing.segmentTargetBytes(), sizing.recordCapBytes());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String description() {
        return "LMCache connector pattern (sequential segment puts, then meta; meta get, then sequential segment "
                + "gets) via tern-client sync, record cap " + recordCapBytes + " B, segments of " + segmentTargetBytes
                + " B";
    }

    /** Direct, like the chunk store's, so both TernDB targets start from the same kind of buffer. */
    @Override
    public ByteBuffer newBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes);
    }

    @Override
    public KvSession session() {
        synchronized (writeIds) {
            return new Session(writeIds.split());
        }
    }

    @Override
    public void delete(List<String> keys) {
        for (String key : keys) {
            Key metaKey = key(ObjectLayout.metaKey(key));
            Record meta = client.get(readPolicy, metaKey, ObjectLayout.BIN_SEGMENT_COUNT,
                    ObjectLayout.BIN_WRITE_ID);
            if (meta == null) {
                continue;
            }
            client.delete(writePolicy, metaKey);
            int segments = meta.getInt(ObjectLayout.BIN_SEGMENT_COUNT);
            String writeId = meta.getString(ObjectLayout.BIN_WRITE_ID);
            for (int index = 0; segments > 1 && index < segments; index++) {
                client.delete(writePolicy, key(ObjectLayout.segmentKey(key, writeId, index)));
            }
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private Key key(String userKey) {
        return new Key(namespace, set, userKey);
    }

    /** One thread's calls, with its own write-id source and segment arrays reused from object to object. */
    private final class Session implements KvSession {
        private final SplittableRandom random;
        private SegmentPlan scratchCut;
        private byte[][] scratch;

        Session(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public void store(String key, ByteBuffer payload) {
            SegmentPlan cut = SegmentPlan.of(payload.remaining(), segmentTargetBytes);
            byte[][] segments = segmentsOf(payload, cut);
            String writeId = ObjectLayout.writeId(random.nextLong());
            if (cut.segmentCount() > 1) {
                for (int index = 0; index < cut.segmentCount(); index++) {
                    client.put(writePolicy, key(ObjectLayout.segmentKey(key, writeId, index)),
                            new Bin(ObjectLayout.BIN_PAYLOAD, segments[index]));
                }
            }
            client.put(writePolicy, key(ObjectLayout.metaKey(key)), metaBins(cut, writeId, segments));
        }

        @Override
        public long load(String key, ByteBuffer destination) {
            destination.clear();
            Record meta = client.get(readPolicy, key(ObjectLayout.metaKey(key)));
            if (meta == null || !ObjectLayout.STATE_READY.equals(meta.getString(ObjectLayout.BIN_STATE))) {
                return MISSING;
            }
            int count = meta.getInt(ObjectLayout.BIN_SEGMENT_COUNT);
            long totalBytes = meta.getLong(ObjectLayout.BIN_TOTAL_BYTES);
            if (totalBytes > destination.capacity()) {
                throw new IllegalStateException("object " + key + " of " + totalBytes + " B exceeds the buffer");
            }
            if (count == 1) {
                return putExact(destination, meta, totalBytes);
            }
            SegmentPlan cut = SegmentPlan.of(totalBytes, meta.getLong(ObjectLayout.BIN_SEGMENT_BYTES));
            String writeId = meta.getString(ObjectLayout.BIN_WRITE_ID);
            for (int index = 0; index < count; index++) {
                Record segment = client.get(readPolicy, key(ObjectLayout.segmentKey(key, writeId, index)),
                        ObjectLayout.BIN_PAYLOAD);
                if (segment == null || putExact(destination, segment, cut.length(index)) == MISSING) {
                    return MISSING;
                }
            }
            return totalBytes;
        }

        /** Copies the payload bin when it has the expected length; else {@link #MISSING}. */
        private static long putExact(ByteBuffer destination, Record record, long expectedBytes) {
            byte[] bytes = record.getBytes(ObjectLayout.BIN_PAYLOAD);
            if (bytes == null || bytes.length != expectedBytes) {
                return MISSING;
            }
            destination.put(bytes);
            return expectedBytes;
        }

        /** The payload cut into this session's reused arrays: the client sends a bin's whole array. */
        private byte[][] segmentsOf(ByteBuffer payload, SegmentPlan cut) {
            if (!cut.equals(scratchCut)) {
                scratch = new byte[cut.segmentCount()][];
                for (int index = 0; index < cut.segmentCount(); index++) {
                    scratch[index] = new byte[cut.length(index)];
                }
                scratchCut = cut;
            }
            for (int index = 0; index < cut.segmentCount(); index++) {
                payload.get(payload.position() + (int) cut.offset(index), scratch[index]);
            }
            return scratch;
        }

        private static Bin[] metaBins(SegmentPlan cut, String writeId, byte[][] segments) {
            Bin[] header = {
                new Bin(ObjectLayout.BIN_VERSION, ObjectLayout.VERSION),
                new Bin(ObjectLayout.BIN_STATE, ObjectLayout.STATE_READY),
                new Bin(ObjectLayout.BIN_SEGMENT_COUNT, cut.segmentCount()),
                new Bin(ObjectLayout.BIN_SEGMENT_BYTES, cut.segmentBytes()),
                new Bin(ObjectLayout.BIN_TOTAL_BYTES, cut.totalBytes()),
                new Bin(ObjectLayout.BIN_CREATED_AT, Instant.now().getEpochSecond()),
                new Bin(ObjectLayout.BIN_PIN, false),
                new Bin(ObjectLayout.BIN_WRITE_ID, writeId),
            };
            if (cut.segmentCount() > 1) {
                return header;
            }
            Bin[] withPayload = Arrays.copyOf(header, header.length + 1);
            withPayload[header.length] = new Bin(ObjectLayout.BIN_PAYLOAD, segments[0]);
            return withPayload;
        }
    }
}
