package io.terndb.tools.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tern bench-peers}: the same read/update workload against an Aerospike-protocol server (TernDB) and
 * against Redis, one after the other, then a Markdown summary with the TernDB/Redis ratios.
 */
@Command(
        name = "bench-peers",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Run the same read/update workload against TernDB (Aerospike protocol) and Redis, in turn.")
public final class BenchPeersCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_TARGET_UNAVAILABLE = 1;

    /** Which peers to measure; given in lower case on the command line. */
    public enum Only { AEROSPIKE, REDIS, BOTH }

    @Spec
    private CommandSpec spec;

    @Option(names = "--aerospike", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:3000",
            description = "Aerospike-protocol server (default: ${DEFAULT-VALUE}).")
    private String aerospikeAddress;

    @Option(names = "--aerospike-name", paramLabel = "NAME", defaultValue = "TernDB",
            description = "Name shown for the Aerospike-protocol server (default: ${DEFAULT-VALUE}).")
    private String aerospikeName;

    @Option(names = "--redis", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:6379",
            description = "Redis server (default: ${DEFAULT-VALUE}).")
    private String redisAddress;

    @Option(names = "--only", paramLabel = "WHICH",
            defaultValue = "both", description = "aerospike, redis or both (default: ${DEFAULT-VALUE}).")
    private Only only;

    @Option(names = "--threads", paramLabel = "N",
            defaultValue = "32", description = "Client threads (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--keys", paramLabel = "N",
            defaultValue = "100000", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Option(names = "--value-bytes", paramLabel = "BYTES",
            defaultValue = "100", description = "Value size (default: ${DEFAULT-VALUE}).")
    private int valueBytes;

    @Option(names = "--read-pct", paramLabel = "PERCENT",
            defaultValue = "50", description = "Percent of reads (default: ${DEFAULT-VALUE}).")
    private int readPercent;

    @Option(names = "--warmup-seconds", paramLabel = "SECONDS",
            defaultValue = "5", description = "Warm-up, discarded (default: ${DEFAULT-VALUE}).")
    private int warmupSeconds;

    @Option(names = "--seconds", paramLabel = "SECONDS",
            defaultValue = "20", description = "Measured phase (default: ${DEFAULT-VALUE}).")
    private int measuredSeconds;

    @Option(names = "--seed", paramLabel = "SEED",
            description = "Random seed for keys, mix and value (default: from the clock).")
    private Long seed;

    @Override
    public Integer call() throws InterruptedException {
        Workload workload = workload();
        List<Peer> peers = peers();
        PrintWriter out = spec.commandLine().getOut();
        String clientMachine = clientMachine();
        out.println("bench-peers: " + workload.describe());
        out.println("client JVM: " + clientMachine);
        PeerRun run = new PeerRun(workload, workload.randomValue(), out, spec.commandLine().getErr());
        List<PeerOutcome> outcomes = new ArrayList<>();
        for (Peer peer : peers) {
            TargetConnector connector = switch (peer.kind()) {
                case AEROSPIKE -> AerospikeTarget::connect;
                case REDIS -> RedisTarget::connect;
            };
            outcomes.add(run.run(peer, connector));
        }
        out.println();
        out.print(SummaryTable.format(workload, clientMachine, outcomes));
        out.flush();
        boolean allMeasured = outcomes.stream().allMatch(PeerOutcome.Measured.class::isInstance);
        return allMeasured ? EXIT_OK : EXIT_TARGET_UNAVAILABLE;
    }

    /** Never both at once: the peers share this machine's cores, so each is measured alone. */
    private List<Peer> peers() {
        List<Peer> peers = new ArrayList<>();
        if (only != Only.REDIS) {
            peers.add(new Peer(TargetKind.AEROSPIKE, aerospikeName, address("--aerospike", aerospikeAddress)));
        }
        if (only != Only.AEROSPIKE) {
            peers.add(new Peer(TargetKind.REDIS, "Redis", address("--redis", redisAddress)));
        }
        return peers;
    }

    private Workload workload() {
        long runSeed = seed != null ? seed : System.nanoTime();
        try {
            return new Workload(threads, keys, valueBytes, readPercent, Duration.ofSeconds(warmupSeconds),
                    Duration.ofSeconds(measuredSeconds), runSeed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private HostPort address(String option, String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static String clientMachine() {
        return Runtime.version() + " (" + System.getProperty("java.vm.name") + "), "
                + Runtime.getRuntime().availableProcessors() + " processors";
    }
}
