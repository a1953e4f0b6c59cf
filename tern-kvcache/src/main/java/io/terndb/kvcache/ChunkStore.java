package io.terndb.kvcache;

import io.terndb.client.ClientConfig;
import io.terndb.client.Policy;
import io.terndb.client.RecordExistsAction;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.internal.AsyncPermits;
import io.terndb.kvcache.internal.Census;
import io.terndb.kvcache.internal.CensusScan;
import io.terndb.kvcache.internal.CopyGate;
import io.terndb.kvcache.internal.Credentials;
import io.terndb.kvcache.internal.Evictor;
import io.terndb.kvcache.internal.LoadDeadline;
import io.terndb.kvcache.internal.ObjectKeys;
import io.terndb.kvcache.internal.ObjectReader;
import io.terndb.kvcache.internal.ObjectWriter;
import io.terndb.kvcache.internal.OrphanSweeper;
import io.terndb.kvcache.internal.PinTable;
import io.terndb.kvcache.internal.RecordCap;
import io.terndb.kvcache.internal.ServerPins;
import io.terndb.kvcache.internal.Upkeep;
import io.terndb.kvcache.internal.UsageTable;
import io.terndb.kvcache.internal.VictimDelete;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.random.RandomGenerator;

/**
 * Large objects (LLM KV-cache chunks) as a meta record plus payload segments, record-compatible with LMCache's
 * Aerospike adapter. Every call is batched and asynchronous, with one result per key in the keys' order; a
 * missing object is a result, not an exception. At most {@code num_workers} objects, and at most
 * {@code max_inflight_bytes} payload bytes, are in flight at once.
 *
 * <p>With {@code max_capacity_gb} set, the store counts the set's objects from the server at start and every
 * {@code usage_refresh_ms}, adds its own changes in between, and evicts least recently used objects above 95 % of
 * the capacity down to 85 %, never one pinned by {@link #lookupAndPin} in any process sharing the set. See
 * {@link ChunkUsage} for staleness.
 *
 * <pre>{@code
 * try (ChunkStore store = ChunkStore.connect(ChunkStoreJson.parse(json))) {
 *     store.store(List.of("chunk-1"), List.of(payload)).join();
 *     List<LoadResult> loaded = store.load(List.of("chunk-1"), List.of(destination)).join();
 * }
 * }</pre>
 *
 * Futures complete on the client's event loop threads (a load that times out: on the JDK's timer thread): chain
 * only short, non-blocking work on them.
 */
public final class ChunkStore implements AutoCloseable {

    /** Scans walk the whole set; a busy server may pause between partitions longer than a single read takes. */
    private static final long SCAN_SOCKET_TIMEOUT_MS_MIN = 10_000;

    private final ChunkStoreConfig config;
    private final TernClient ownedClient;
    private final long recordCapBytes;
    private final long segmentTargetBytes;
    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final AsyncPermits permits;
    private final Clock clock;
    private final UsageTable usage = new UsageTable();
    private final PinTable pins;
    private final ServerPins serverPins;
    private final CensusScan census;
    private final OrphanSweeper sweeper;
    private final Evictor evictor;
    private final Upkeep upkeep;

    private ChunkStore(TernClient client, boolean owned, ChunkStoreConfig config, Clock clock,
            RandomGenerator random) {
        Credentials.warnIfGiven(config);
        this.config = config;
        this.clock = clock;
        this.ownedClient = owned ? client : null;
        this.recordCapBytes = config.maxRecordBytes() > 0 ? config.maxRecordBytes() : discoverRecordCap(client);
        this.segmentTargetBytes = RecordCap.segmentTargetBytes(recordCapBytes, config.targetSegmentBytes());
        ObjectKeys keys = new ObjectKeys(config.namespace(), config.setName());
        WritePolicy segmentPolicy = writePolicy(config, RecordExistsAction.UPDATE);
        WritePolicy metaPolicy = writePolicy(config, RecordExistsAction.CREATE_ONLY);
        this.writer = new ObjectWriter(client.async(), keys, segmentPolicy, metaPolicy, segmentTargetBytes,
                config.commitCutoffMs(), clock, random);
        Duration writeTimeout = Duration.ofMillis(config.writeTimeoutMs());
        this.reader = new ObjectReader(client.async(), keys, readPolicy(config), writeTimeout);
        this.permits = new AsyncPermits(config.numWorkers(),
                config.maxInflightBytes() > 0 ? config.maxInflightBytes() : AsyncPermits.UNLIMITED_BYTES);
        this.pins = new PinTable(config.pinLeaseMs());
        this.serverPins = new ServerPins(client.async(), keys, writeTimeout);
        this.census = new CensusScan(client.async(), keys, scanPolicy(config), clock);
        this.sweeper = new OrphanSweeper(client.async(), keys, readPolicy(config), config.orphanGraceMsInForce());
        VictimDelete victims = new VictimDelete(reader, clock);
        this.evictor = isTracked() ? new Evictor(usage, pins, victims::delete, config.capacityBytes(), clock) : null;
        this.upkeep = startUpkeep();
    }

    /**
     * Counts usage now when capacity is tracked (so it survives restarts and is shared by processes), and the
     * first orphan sighting when sweeps are periodic; then schedules both. A failing first count fails the open.
     */
    private Upkeep startUpkeep() {
        boolean refreshes = isTracked() && config.usageRefreshMs() > 0;
        boolean sweeps = config.orphanSweepMs() > 0;
        if (isTracked() || sweeps) {
            join(sweeps ? sweepOrphans() : refreshUsage());
        }
        if (!refreshes && !sweeps) {
            return null;
        }
        Upkeep started = new Upkeep();
        if (refreshes) {
            started.every(config.usageRefreshMs(), () -> refreshUsage().join());
        }
        if (sweeps) {
            started.every(config.orphanSweepMs(), () -> sweepOrphans().join());
        }
        return started;
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
        return storeResults(keys, payloads).thenApply(results -> results.stream().map(StoreResult::outcome)
                .toList());
    }

    /** As {@link #store}, with the cause of each failure (result code and message). */
    public CompletableFuture<List<StoreResult>> storeResults(List<String> keys, List<ByteBuffer> payloads) {
        requireSameSize(keys, payloads);
        return forEach(keys.size(), index -> payloads.get(index).remaining(), index -> {
            String key = keys.get(index);
            long bytes = payloads.get(index).remaining();
            return writer.store(key, payloads.get(index)).thenApply(outcome -> afterStore(key, bytes, outcome));
        });
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

    /**
     * As {@link #lookup}, and pins each object found, so that no process sharing the set evicts it until
     * {@link #unpin} or {@code pin_lease_ms} after this call. One round trip (per server node) for all keys: a
     * batch operate writes each meta record's {@code pin_until} lease and reads back what the lookup needs; an
     * object that is gone answers false and is not recreated. The pin in this process is taken before that write,
     * so no eviction here slips in between (an object this store is evicting right now reads as absent); another
     * process's eviction reads the lease before deleting and deletes only the meta record it read, so either this
     * write finds no object or the object is kept. A delete or the TTL can still remove a pinned object (its load
     * is then a miss). Fails when a lease could not be written for a reason other than the object being absent.
     */
    public CompletableFuture<List<Boolean>> lookupAndPin(List<String> keys) {
        List<String> checked = List.copyOf(keys);
        long nowMs = clock.millis();
        List<Boolean> pinnedHere = checked.stream().map(key -> pins.pin(key, nowMs)).toList();
        List<String> toLease = new ArrayList<>();
        for (int index = 0; index < checked.size(); index++) {
            if (pinnedHere.get(index)) {
                toLease.add(checked.get(index));
            }
        }
        if (toLease.isEmpty()) {
            return CompletableFuture.completedFuture(pinnedHere);
        }
        return serverPins.pin(toLease, nowMs + config.pinLeaseMs())
                .handle((leased, failure) -> afterLease(checked, pinnedHere, leased, failure));
    }

    /** Keeps the pins whose lease was written on a present object and drops the others. */
    private List<Boolean> afterLease(List<String> keys, List<Boolean> pinnedHere, List<ServerPins.Pinned> leased,
            Throwable failure) {
        List<Boolean> results = new ArrayList<>(keys.size());
        int leaseIndex = 0;
        for (int index = 0; index < keys.size(); index++) {
            if (!pinnedHere.get(index)) {
                results.add(false);
                continue;
            }
            ServerPins.Pinned pinned = failure == null ? leased.get(leaseIndex++) : ServerPins.Pinned.ABSENT;
            if (pinned.present()) {
                pins.leasedOnServer(keys.get(index), pinned.generation());
            } else {
                pins.unpin(keys.get(index));
            }
            results.add(pinned.present());
        }
        if (failure != null) {
            throw new CompletionException(failure);
        }
        return results;
    }

    /**
     * Releases one pin of each key taken by {@link #lookupAndPin}; keys not pinned are ignored. Where this process
     * held the last pin, the server lease is removed too (one batch), unless the meta record was written since
     * this process's lease (another process's pin, say), whose lease then stays. Completes when that is done;
     * best effort and never exceptionally, since a lease left behind ends by itself.
     */
    public CompletableFuture<Void> unpin(List<String> keys) {
        Map<String, Integer> leasesToClear = new LinkedHashMap<>();
        for (String key : keys) {
            int generation = pins.unpin(Objects.requireNonNull(key, "key"));
            if (generation != PinTable.NO_SERVER_LEASE) {
                leasesToClear.put(key, generation);
            }
        }
        return serverPins.clear(leasesToClear);
    }

    /**
     * Copies each object into its destination from the destination's position on; see {@link LoadResult}. With
     * {@code load_deadline_ms}, keys not loaded by then are {@link LoadOutcome#TIMED_OUT} and their destinations
     * are not written after that.
     */
    public CompletableFuture<List<LoadResult>> load(List<String> keys, List<ByteBuffer> destinations) {
        requireSameSize(keys, destinations);
        if (config.loadDeadlineMs() == 0) {
            return forEach(keys.size(), index -> destinations.get(index).remaining(),
                    index -> loadOne(keys.get(index), destinations.get(index), CopyGate.ALWAYS_OPEN));
        }
        LoadDeadline deadline = new LoadDeadline(keys.size());
        List<CompletableFuture<LoadResult>> results = start(keys.size(),
                index -> destinations.get(index).remaining(),
                index -> loadOne(keys.get(index), destinations.get(index), deadline.gate(index)));
        deadline.arm(config.loadDeadlineMs(), results);
        return allOf(results);
    }

    /** Deletes each object: its meta record first, so it is invisible at once, then its segments. */
    public CompletableFuture<List<DeleteOutcome>> delete(List<String> keys) {
        keys.forEach(key -> Objects.requireNonNull(key, "key"));
        return forEach(keys.size(), index -> 0, index -> {
            String key = keys.get(index);
            return reader.delete(key).thenApply(outcome -> afterDelete(key, outcome));
        });
    }

    /** Usage as counted at the last refresh plus this process's changes since; see {@link ChunkUsage}. */
    public ChunkUsage usage() {
        long nowMs = clock.millis();
        return new ChunkUsage(usage.usedBytes(), usage.objectCount(), config.capacityBytes(),
                pins.pinnedCount(nowMs), usage.countedAtMs());
    }

    /** Counts the set's objects from the server now (one scan of the meta records' small bins). */
    public CompletableFuture<ChunkUsage> refreshUsage() {
        return census.take().thenApply(taken -> {
            observe(taken);
            return usage();
        });
    }

    /**
     * Deletes segments that no committed object refers to and that were already orphans at an earlier count at
     * least {@code orphan_grace_ms} ago (this one counts as the first sighting for the rest); completes with the
     * number deleted. Only segments stored with their user key can be found (this store writes every record
     * with it); others expire with their TTL.
     */
    public CompletableFuture<Integer> sweepOrphans() {
        return census.take().thenCompose(taken -> sweeper.delete(observe(taken)));
    }

    /** Evicts now if usage is above the high watermark; completes with the number of objects evicted. */
    public CompletableFuture<Integer> evict() {
        return evictor == null ? CompletableFuture.completedFuture(0) : evictor.evictIfNeeded();
    }

    @Override
    public void close() {
        if (upkeep != null) {
            upkeep.close();
        }
        if (ownedClient != null) {
            ownedClient.close();
        }
    }

    private boolean isTracked() {
        return config.capacityBytes() > 0;
    }

    private StoreResult afterStore(String key, long bytes, StoreResult outcome) {
        if (isTracked() && outcome.outcome() != StoreOutcome.FAILED) {
            usage.stored(key, bytes, clock.millis());
            evictor.evictIfNeeded();
        }
        return outcome;
    }

    private CompletableFuture<LoadResult> loadOne(String key, ByteBuffer destination, CopyGate gate) {
        return reader.load(key, destination, gate).thenApply(result -> {
            if (isTracked() && result.isHit()) {
                usage.used(key, clock.millis());
            } else if (isTracked() && result.outcome() == LoadOutcome.MISS) {
                usage.removed(key, clock.millis());
            }
            return result;
        });
    }

    private DeleteOutcome afterDelete(String key, DeleteOutcome outcome) {
        if (isTracked() && outcome != DeleteOutcome.FAILED) {
            usage.removed(key, clock.millis());
        }
        return outcome;
    }

    /**
     * Applies a census to the usage and to the orphan sightings, evicts if the count shows the need, and returns
     * the orphans now due.
     */
    private List<Census.Segment> observe(Census taken) {
        usage.applyCensus(taken);
        List<Census.Segment> due = sweeper.observe(taken, clock.millis());
        evict();
        return due;
    }

    private <T> CompletableFuture<List<T>> forEach(int count, IntToLongFunction bytes,
            IntFunction<CompletableFuture<T>> operation) {
        return allOf(start(count, bytes, operation));
    }

    /** Submits every operation under the permits; a failed one is reported by its future, never thrown here. */
    private <T> List<CompletableFuture<T>> start(int count, IntToLongFunction bytes,
            IntFunction<CompletableFuture<T>> operation) {
        List<CompletableFuture<T>> results = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            int each = index;
            CompletableFuture<T> result = new CompletableFuture<>();
            permits.submit(bytes.applyAsLong(each), () -> operation.apply(each)).whenComplete((value, failure) -> {
                if (failure == null) {
                    result.complete(value);
                } else {
                    result.completeExceptionally(failure);
                }
            });
            results.add(result);
        }
        return results;
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> results) {
        return CompletableFuture.allOf(results.toArray(CompletableFuture<?>[]::new))
                .thenApply(ignored -> results.stream().map(CompletableFuture::join).toList());
    }

    /** Waits for start-up work, failing with the server's error rather than a wrapper. */
    private static void join(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
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

    /**
     * Every record carries its user key (the digest is unchanged, so LMCache reads them as before): a scan can
     * then tie segments to their object, which the orphan sweep and the usage count rely on.
     */
    private static WritePolicy writePolicy(ChunkStoreConfig config, RecordExistsAction action) {
        Duration timeout = Duration.ofMillis(config.writeTimeoutMs());
        return WritePolicy.builder().socketTimeout(timeout).totalTimeout(timeout).recordExistsAction(action)
                .ttlSeconds(config.defaultTtlSeconds()).sendKey(true).build();
    }

    /** A scan's replies stream, so the read timeout bounds the silence between two of them. */
    private static ScanPolicy scanPolicy(ChunkStoreConfig config) {
        Duration timeout = Duration.ofMillis(Math.max(config.readTimeoutMs(), SCAN_SOCKET_TIMEOUT_MS_MIN));
        return ScanPolicy.builder().socketTimeout(timeout).maxRetries(2).build();
    }

    private static Policy readPolicy(ChunkStoreConfig config) {
        Duration timeout = Duration.ofMillis(config.readTimeoutMs());
        return Policy.builder().socketTimeout(timeout).totalTimeout(timeout).build();
    }
}
