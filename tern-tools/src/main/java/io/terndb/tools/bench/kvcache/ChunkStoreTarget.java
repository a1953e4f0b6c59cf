package io.terndb.tools.bench.kvcache;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * tern-kvcache's {@link ChunkStore} with {@code num_workers} = the in-flight count. Each load thread makes
 * single-key calls and waits for them, so exactly in-flight objects are outstanding at any time: a serving
 * engine saves and fetches chunks as its requests arrive, one stream per request, rather than in lock-step batches
 * that would wait for their slowest object before the next one starts.
 */
final class ChunkStoreTarget implements KvTarget {

    /**
     * How long a thread waits for one call before counting it as an error and moving on: a store is up to three
     * dependent commands (segments, meta, clean-up), each with its own timeout, so a call still open after four
     * timeouts is lost rather than slow, and a benchmark that waited for it would hang instead of reporting it.
     */
    static final int CALL_TIMEOUTS_MAX = 4;

    private final ChunkStore store;
    private final TernClient ownClient;
    private final long callWaitMs;

    private ChunkStoreTarget(ChunkStore store, TernClient ownClient, long callWaitMs) {
        this.store = store;
        this.ownClient = ownClient;
        this.callWaitMs = callWaitMs;
    }

    static ChunkStoreTarget connect(KvCacheSettings settings) {
        ChunkStoreConfig config = ChunkStoreConfig.builder().environment(Map.of())
                .hosts(settings.host() + ":" + settings.port())
                .namespace(settings.namespace())
                .setName(settings.set())
                .numWorkers(settings.inFlight())
                .readTimeoutMs(settings.timeoutMs())
                .writeTimeoutMs(settings.timeoutMs())
                .targetSegmentBytes(settings.segmentBytes())
                .build();
        long callWaitMs = CALL_TIMEOUTS_MAX * settings.timeoutMs();
        if (settings.eventLoops() == 0) {
            return new ChunkStoreTarget(ChunkStore.connect(config), null, callWaitMs);
        }
        // The chunk store's own client takes the library's default event loops; a serving engine can hand it a
        // client of its own instead, which is how --event-loops varies them.
        TernClient client = TernClient.connect(ClientConfig.builder().seed(settings.host(), settings.port())
                .eventLoops(settings.eventLoops()).build());
        try {
            return new ChunkStoreTarget(ChunkStore.open(client, config), client, callWaitMs);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public String description() {
        return "tern-kvcache ChunkStore (parallel segment writes, one batch read), num_workers="
                + store.config().numWorkers() + ", client event loops "
                + (ownClient == null ? "default" : ownClient.config().eventLoops()) + ", record cap " + store.recordCapBytes() + " B, segments of "
                + store.segmentTargetBytes() + " B";
    }

    /** Direct, as a serving engine's pinned staging buffers are off the Java heap. */
    @Override
    public ByteBuffer newBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes);
    }

    @Override
    public KvSession session() {
        return new KvSession() {
            @Override
            public void store(String key, ByteBuffer payload) throws Exception {
                StoreOutcome outcome = await(store.store(List.of(key), List.of(payload)), "store of " + key);
                if (outcome != StoreOutcome.STORED) {
                    throw new IllegalStateException("store of " + key + ": " + outcome);
                }
            }

            @Override
            public long load(String key, ByteBuffer destination) throws Exception {
                destination.clear();
                LoadResult result = await(store.load(List.of(key), List.of(destination)), "load of " + key);
                return switch (result.outcome()) {
                    case HIT -> result.bytes();
                    case MISS -> MISSING;
                    case DESTINATION_TOO_SMALL, FAILED, TIMED_OUT ->
                            throw new IllegalStateException("load of " + key + ": " + result.outcome());
                };
            }
        };
    }

    private <T> T await(CompletableFuture<List<T>> call, String what) throws InterruptedException,
            ExecutionException {
        try {
            return call.get(callWaitMs, TimeUnit.MILLISECONDS).getFirst();
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not complete within " + callWaitMs + " ms", e);
        }
    }

    @Override
    public void delete(List<String> keys) throws Exception {
        List<DeleteOutcome> outcomes = store.delete(keys).get(callWaitMs * Math.max(1, keys.size()),
                TimeUnit.MILLISECONDS);
        long failed = outcomes.stream().filter(outcome -> outcome == DeleteOutcome.FAILED).count();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + keys.size() + " deletes failed");
        }
    }

    @Override
    public void close() {
        store.close();
        if (ownClient != null) {
            ownClient.close();
        }
    }
}
