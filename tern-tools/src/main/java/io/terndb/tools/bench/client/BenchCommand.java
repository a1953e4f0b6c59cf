package io.terndb.tools.bench.client;

import io.terndb.tools.bench.kvcache.KvCacheBenchCommand;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern bench}: an asbench-like load generator that runs the same workload through our client
 * ({@code --driver tern}) or the official Aerospike client ({@code --driver aerospike}), printing a line per second
 * and a summary with the client's CPU time per operation.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = KvCacheBenchCommand.class,
        description = "Load an Aerospike-protocol server through our client or the official one (asbench-like); "
                + "'bench kvcache' measures large-object (KV-cache) stores and loads.")
public final class BenchCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_ERRORS = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--driver", defaultValue = "tern", description = "tern or aerospike (default: ${DEFAULT-VALUE}).")
    private BenchSettings.Driver driver;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Seed host (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = {"-p", "--port"}, defaultValue = "3000", description = "Seed port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = {"-n", "--namespace"}, defaultValue = "test",
            description = "Namespace (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = {"-s", "--set"}, defaultValue = "testset", description = "Set (default: ${DEFAULT-VALUE}).")
    private String set;

    @Option(names = {"-w", "--workload"}, defaultValue = "RU,50",
            description = "I (insert every key once) or RU,<read%%> (default: ${DEFAULT-VALUE}).")
    private String workload;

    @Option(names = {"-k", "--keys"}, defaultValue = "100000", description = "Key count (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = {"-K", "--start-key"}, defaultValue = "0", description = "First key (default: ${DEFAULT-VALUE}).")
    private long startKey;

    @Option(names = {"-b", "--bins"}, defaultValue = "1", description = "Bins per record (default: ${DEFAULT-VALUE}).")
    private int bins;

    @Option(names = "--bin-bytes", defaultValue = "100", description = "Bytes per bin (default: ${DEFAULT-VALUE}).")
    private int binBytes;

    @Option(names = "--bin-type", defaultValue = "bytes",
            description = "bytes, string or integer (default: ${DEFAULT-VALUE}).")
    private BinType binType;

    @Option(names = {"-z", "--threads"}, defaultValue = "32",
            description = "Sync threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--async", description = "Async mode: --concurrency commands in flight.")
    private boolean async;

    @Option(names = {"-c", "--concurrency"}, defaultValue = "256",
            description = "Async commands in flight (default: ${DEFAULT-VALUE}).")
    private int concurrency;

    @Option(names = "--event-loops", defaultValue = "1",
            description = "Async event loops, for both drivers (default: ${DEFAULT-VALUE}).")
    private int eventLoops;

    @Option(names = {"-t", "--duration"}, defaultValue = "10",
            description = "Measured seconds; an insert also ends once every key is written "
                    + "(default: ${DEFAULT-VALUE}).")
    private int durationSeconds;

    @Option(names = "--operations", defaultValue = "0",
            description = "Measure this many operations instead of a duration (no warm-up).")
    private long operations;

    @Option(names = {"-g", "--throughput"}, defaultValue = "0",
            description = "Cap in ops/s, 0 = none (default: ${DEFAULT-VALUE}).")
    private long throughput;

    @Option(names = "--warmup", defaultValue = "3",
            description = "Warm-up seconds, run and discarded; RU with a duration only (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws InterruptedException {
        BenchSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("bench: " + settings.describe());
        out.flush();
        try (ClientDriver client = connect(settings)) {
            BenchSummary summary = new BenchRun(settings, out).run(client);
            summary.print(out, client.description());
            return summary.errors() == 0 ? EXIT_OK : EXIT_ERRORS;
        }
    }

    private static ClientDriver connect(BenchSettings settings) {
        return switch (settings.driver()) {
            case TERN -> new TernDriver(settings);
            case AEROSPIKE -> new AerospikeDriver(settings);
        };
    }

    BenchSettings settings() {
        try {
            return new BenchSettings(driver, host, port, namespace, set, BenchWorkload.parse(workload), keys,
                    startKey, bins, binBytes, binType, threads, async, concurrency, eventLoops,
                    Duration.ofSeconds(Math.max(0, durationSeconds)), operations, throughput,
                    Duration.ofSeconds(Math.max(0, warmupSeconds)), seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
