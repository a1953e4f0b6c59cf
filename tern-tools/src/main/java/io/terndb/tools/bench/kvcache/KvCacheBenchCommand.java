package io.terndb.tools.bench.kvcache;

import java.io.PrintWriter;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern bench kvcache}: stores, then loads, whole KV-cache-sized objects through one target (tern-kvcache's
 * chunk store, LMCache's sequential-segment pattern on TernDB, or Redis with one value per object) and prints a
 * line per second and a summary with GiB/s and per-object latency. Exit status 1 when any object was not stored
 * or loaded back intact.
 */
@Command(
        name = "kvcache",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Store then load large objects (LLM KV-cache chunks) through one target and measure GiB/s "
                + "and per-object latency.")
public final class KvCacheBenchCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_INCOMPLETE = 1;
    static final int TERNDB_PORT_DEFAULT = 3000;
    static final int REDIS_PORT_DEFAULT = 6379;

    @Spec
    private CommandSpec spec;

    @Option(names = "--target", defaultValue = "chunkstore",
            description = "chunkstore, sequential or redis (default: ${DEFAULT-VALUE}).")
    private KvTargetKind target;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = {"-p", "--port"}, defaultValue = "0",
            description = "Server port; 0 = " + TERNDB_PORT_DEFAULT + " for TernDB, " + REDIS_PORT_DEFAULT
                    + " for Redis.")
    private int port;

    @Option(names = {"-n", "--namespace"}, defaultValue = "lmcache",
            description = "TernDB namespace (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = {"-s", "--set"}, defaultValue = "kv_chunks",
            description = "TernDB set (default: ${DEFAULT-VALUE}).")
    private String set;

    @Option(names = "--object-mib", defaultValue = "14", description = "MiB per object (default: ${DEFAULT-VALUE}).")
    private int objectMib;

    @Option(names = "--object-bytes", defaultValue = "0", description = "Bytes per object; overrides --object-mib.")
    private int objectBytes;

    @Option(names = {"-c", "--in-flight"}, defaultValue = "8",
            description = "Objects in flight: threads, and the chunk store's num_workers (default: ${DEFAULT-VALUE}).")
    private int inFlight;

    @Option(names = "--objects", defaultValue = "0",
            description = "Distinct objects stored, each once; 0 = twice --in-flight and at least 1 GiB of data.")
    private int objects;

    @Option(names = "--rounds", defaultValue = "3",
            description = "Times the load phase loads every stored object (default: ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--segment-bytes", defaultValue = "0",
            description = "Payload bytes per segment record (TernDB); 0 = the server's record cap less 64 KiB.")
    private long segmentBytes;

    @Option(names = "--timeout-ms", defaultValue = "30000",
            description = "Total timeout of each call (default: ${DEFAULT-VALUE}).")
    private long timeoutMs;

    @Option(names = "--event-loops", defaultValue = "0",
            description = "chunkstore: event loops of a client handed to the chunk store; 0 = the chunk store "
                    + "connects its own with the client's defaults (default: ${DEFAULT-VALUE}).")
    private int eventLoops;

    @Option(names = "--no-verify", description = "Check only the length of loaded objects, not their bytes.")
    private boolean noVerify;

    @Option(names = "--no-warmup", description = "Skip the unmeasured warm-up (one object per in-flight slot).")
    private boolean noWarmup;

    @Option(names = "--keep", description = "Leave the objects in place at the end instead of deleting them.")
    private boolean keep;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of payload bytes and write ids "
            + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--key-prefix", description = "Prefix of object keys (default: kvbench-<target>-<random>).")
    private String keyPrefix;

    @Override
    public Integer call() throws Exception {
        KvCacheSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("bench kvcache: " + settings.describe());
        out.flush();
        try (KvTarget connected = connect(settings)) {
            KvCacheSummary summary = new KvCacheBench(settings, out).run(connected);
            summary.print(out);
            return summary.complete() ? EXIT_OK : EXIT_INCOMPLETE;
        }
    }

    private static KvTarget connect(KvCacheSettings settings) {
        return switch (settings.target()) {
            case CHUNKSTORE -> ChunkStoreTarget.connect(settings);
            case SEQUENTIAL -> SequentialTarget.connect(settings);
            case REDIS -> RedisValueTarget.connect(settings);
        };
    }

    KvCacheSettings settings() {
        try {
            long bytes = objectBytes > 0 ? objectBytes : objectMib * KvCacheSettings.MIB;
            if (bytes > Integer.MAX_VALUE - 16 || bytes < 1) {
                throw new IllegalArgumentException("object size=" + bytes + " B must be in [1, 2 GiB)");
            }
            int size = (int) bytes;
            int resolvedPort = port != 0 ? port
                    : target == KvTargetKind.REDIS ? REDIS_PORT_DEFAULT : TERNDB_PORT_DEFAULT;
            int count = objects > 0 ? objects : KvCacheSettings.defaultObjects(size, Math.max(1, inFlight));
            String prefix = keyPrefix != null ? keyPrefix : "kvbench-" + target.label() + "-"
                    + HexFormat.of().toHexDigits(new SplittableRandom().nextLong());
            return new KvCacheSettings(target, host, resolvedPort, namespace, set, size, inFlight, count, rounds,
                    !noWarmup, segmentBytes, timeoutMs, !noVerify, seed, prefix, keep, eventLoops);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
