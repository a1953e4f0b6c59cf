package io.terndb.kvcache;

import io.terndb.client.ClientConfig;
import io.terndb.client.Policy;
import io.terndb.client.RecordExistsAction;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.internal.AsyncPermits;
import io.terndb.kvcache.internal.ObjectKeys;
import io.terndb.kvcache.internal.ObjectReader;
import io.terndb.kvcache.internal.ObjectWriter;
import io.terndb.kvcache.internal.RecordCap;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * Large objects (LLM KV-cache chunks) as a meta record plus payload segments, record-compatible with LMCache's
 * Aerospike adapter. Every call is batched and asynchronous, with one result per key in the keys' order; a
 * missing object is a result, not an exception. At most {@code num_workers} objects are in flight at once.
 *
 * <pre>{@code
 * try (ChunkStore store = ChunkStore.connect(ChunkStoreJson.parse(json))) {
 *     store.store(List.of("chunk-1"), List.of(payload)).join();
 *     List<LoadResult> loaded = store.load(List.of("chunk-1"), List.of(destination)).join();
 * }
 * }</pre>
 *
 * Futures complete on the client's event loop threads: chain only short, non-blocking work on them.
 */
public final class ChunkStore implements AutoCloseable {

    private final ChunkStoreConfig config;
    private final TernClient ownedClient;
    private final long recordCapBytes;
    private final long segmentTargetBytes;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final AsyncPermits permits;

    private ChunkStore(TernClient client, boolean owned, ChunkStoreConfig config, Clock clock,
            RandomGenerator random) {
        this.config = config;
        this.ownedClient = owned ? client : null;
        this.recordCapBytes = config.maxRecordBytes() > 0 ? config.maxRecordBytes() : discoverRecordCap(client);
        this.segmentTargetBytes = RecordCap.segmentTargetBytes(recordCapBytes, config.targetSegmentBytes());
        ObjectKeys keys = new ObjectKeys(config.namespace(), config.setName());
        WritePolicy segmentPolicy = writePolicy(config, RecordExistsAction.UPDATE);
        WritePolicy metaPolicy = writePolicy(config, RecordExistsAction.CREATE_ONLY);
        this.writer = new ObjectWriter(client.async(), keys, segmentPolicy, metaPolicy, segmentTargetBytes, clock,
                random);
        this.reader = new ObjectReader(client.async(), keys, readPolicy(config));
        this.permits = new AsyncPermits(config.numWorkers());
    }

    /** Connects a client of its own to the configured hosts; {@link #close()} closes it. */
    public static ChunkStore connect(ChunkStoreConfig config) {
        ClientConfig.Builder clientConfig = ClientConfig.builder();
        config.seeds().forEach(clientConfig::seed);
        TernClient client = TernClient.connect(clientConfig.build());
        try {
            return new ChunkStore(client, true, config, Clock.systemUTC(), RandomGenerator.getDefault());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Uses the caller's client, which stays open after {@link #close()}; discovers the record cap if needed. */
    public static ChunkStore open(TernClient client, ChunkStoreConfig config) {
        return open(client, config, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /** As {@link #open(TernClient, ChunkStoreConfig)}, with the clock for created_at and the write id source. */
    public static ChunkStore open(TernClient client, ChunkStoreConfig config, Clock clock, RandomGenerator random) {
        return new ChunkStore(Objects.requireNonNull(client, "client"), false, Objects.requireNonNull(config),
                Objects.requireNonNull(clock), Objects.requireNonNull(random));
    }

    public ChunkStoreConfig config() {
        return config;
    }

    /** The record cap in force: configured, or discovered from the server. */
    public long recordCapBytes() {
        return recordCapBytes;
    }

    /** Payload bytes per segment before even cutting: the target, at most the cap less a 64 KiB margin. */
    public long segmentTargetBytes() {
        return segmentTargetBytes;
    }

    /** Stores each payload's remaining bytes under its key; buffers are not modified and may be reused after. */
    public CompletableFuture<List<StoreOutcome>> store(List<String> keys, List<ByteBuffer> payloads) {
        requireSameSize(keys, payloads);
        return forEach(keys.size(), index -> writer.store(keys.get(index), payloads.get(index)));
    }

    /** Whether a committed object exists under each key (one batch read of the meta records). */
    public CompletableFuture<List<Boolean>> lookup(List<String> keys) {
        List<String> checked = List.copyOf(keys);
        if (checked.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return reader.lookup(checked).thenApply(present -> {
            List<Boolean> results = new ArrayList<>(present.length);
            for (boolean each : present) {
                results.add(each);
            }
            return results;
        });
    }

    /** Copies each object into its destination from the destination's position on; see {@link LoadResult}. */
    public CompletableFuture<List<LoadResult>> load(List<String> keys, List<ByteBuffer> destinations) {
        requireSameSize(keys, destinations);
        return forEach(keys.size(), index -> reader.load(keys.get(index), destinations.get(index)));
    }

    /** Deletes each object: its meta record first, so it is invisible at once, then its segments. */
    public CompletableFuture<List<DeleteOutcome>> delete(List<String> keys) {
        keys.forEach(key -> Objects.requireNonNull(key, "key"));
        return forEach(keys.size(), index -> reader.delete(keys.get(index)));
    }

    @Override
    public void close() {
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    private <T> CompletableFuture<List<T>> forEach(int count, IntFunction<CompletableFuture<T>> operation) {
        List<CompletableFuture<T>> results = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int each = index;
            results.add(permits.submit(() -> operation.apply(each)));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture<?>[]::new))
                .thenApply(ignored -> results.stream().map(CompletableFuture::join).toList());
    }

    /** Checked up front, so a bad batch fails whole and before anything is sent. */
    private static void requireSameSize(List<String> keys, List<ByteBuffer> buffers) {
        if (keys.size() != buffers.size()) {
            throw new IllegalArgumentException("keys=" + keys.size() + " buffers=" + buffers.size()
                    + " must be as many");
        }
        keys.forEach(key -> Objects.requireNonNull(key, "key"));
        buffers.forEach(buffer -> Objects.requireNonNull(buffer, "buffer"));
    }

    private long discoverRecordCap(TernClient client) {
        String command = "namespace/" + config.namespace();
        return RecordCap.fromNamespaceInfo(client.info(command).get(command));
    }

    private static WritePolicy writePolicy(ChunkStoreConfig config, RecordExistsAction action) {
        Duration timeout = Duration.ofMillis(config.writeTimeoutMs());
        return WritePolicy.builder().socketTimeout(timeout).totalTimeout(timeout).recordExistsAction(action)
                .ttlSeconds(config.defaultTtlSeconds()).build();
    }

    private static Policy readPolicy(ChunkStoreConfig config) {
        Duration timeout = Duration.ofMillis(config.readTimeoutMs());
        return Policy.builder().socketTimeout(timeout).totalTimeout(timeout).build();
    }
}
