package io.terndb.tools.cluster;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.policy.ClientPolicy;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tern cluster}: measurements of a running cluster as an operator sees them. {@code await-stable} times how
 * long until every node agrees on a view of a size with nothing left to migrate; {@code failover} runs a write load
 * through the official client, kills one node's process, and times the survivors' stable view and the window in
 * which the client's writes failed.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure a running TernDB (or Aerospike) cluster: stabilisation and failover.")
public final class ClusterCommand implements Callable<Integer> {

    @Option(names = "--ports", split = ",", required = true, paramLabel = "PORT,...",
            description = "Service ports (127.0.0.1) of every node that should be in the cluster at the end.")
    List<Integer> ports;

    @Option(names = "--size", required = true, description = "The cluster size to wait for.")
    int size;

    @Option(names = "--kill-pid", defaultValue = "0",
            description = "failover: the process to kill (SIGKILL) once the load runs; 0 = only wait.")
    long killPid;

    @Option(names = "--threads", defaultValue = "8", description = "failover: writer threads (0: kill without a load).")
    int threads;

    @Option(names = "--warmup-ms", defaultValue = "2000", description = "failover: load before the kill.")
    long warmupMs;

    @Option(names = "--timeout-ms", defaultValue = "300000", description = "Give up after this long.")
    long timeoutMs;

    @Option(names = "--poll-ms", defaultValue = "20", description = "How often the nodes are asked.")
    long pollMs;

    @Override
    public Integer call() throws Exception {
        if (killPid == 0) {
            ClusterProbe.Settling settling = ClusterProbe.awaitStable(ports, size, timeoutMs, pollMs);
            System.out.println(settling.stableMs() < 0 ? "not stable within " + timeoutMs + " ms"
                    : "stable at " + size + " after " + settling.stableMs() + " ms (view of " + size + " after "
                    + settling.viewMs() + " ms)");
            return settling.stableMs() < 0 ? 1 : 0;
        }
        return threads == 0 ? kill() : failover();
    }

    /** Kills the node without a load and times the survivors' view and stability. */
    private int kill() throws InterruptedException {
        ProcessHandle.of(killPid).ifPresent(ProcessHandle::destroyForcibly);
        ClusterProbe.Settling settling = ClusterProbe.awaitStable(ports, size, timeoutMs, pollMs);
        System.out.printf("killed without load; survivors' view after %d ms, stable %d ms after the kill%n",
                settling.viewMs(), settling.stableMs());
        return 0;
    }

    /** Errors and successes of the load per 10 ms, from the start of the load. */
    private static final int BUCKET_MS = 10;

    private int failover() throws InterruptedException {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5_000;
        AtomicLongArray failures = new AtomicLongArray(1 << 16);
        AtomicLongArray successes = new AtomicLongArray(1 << 16);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong nextKey = new AtomicLong();
        long loadStartNs = System.nanoTime();
        try (AerospikeClient client = new AerospikeClient(policy, "127.0.0.1", ports.getFirst())) {
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                writers.add(Thread.ofPlatform().start(() -> write(client, running, nextKey, loadStartNs, failures,
                        successes)));
            }
            Thread.sleep(warmupMs);
            long killNs = System.nanoTime();
            ProcessHandle.of(killPid).ifPresent(ProcessHandle::destroyForcibly);
            ClusterProbe.Settling settling = ClusterProbe.awaitStable(ports, size, timeoutMs, pollMs);
            Thread.sleep(2_000);
            running.set(false);
            for (Thread writer : writers) {
                writer.join();
            }
            report((killNs - loadStartNs) / 1_000_000, settling, failures, successes);
        }
        return 0;
    }

    private static void write(AerospikeClient client, AtomicBoolean running, AtomicLong nextKey, long startNs,
            AtomicLongArray failures, AtomicLongArray successes) {
        WritePolicy policy = new WritePolicy();
        policy.totalTimeout = 1_000;
        policy.socketTimeout = 500;
        policy.maxRetries = 1;
        while (running.get()) {
            long key = nextKey.getAndIncrement();
            try {
                client.put(policy, new Key("test", "failover", key), new Bin("k", key));
                successes.incrementAndGet(bucket(startNs, successes.length()));
            } catch (AerospikeException e) {
                failures.incrementAndGet(bucket(startNs, failures.length()));
            }
        }
    }

    private static int bucket(long startNs, int buckets) {
        return (int) Math.min(buckets - 1, (System.nanoTime() - startNs) / 1_000_000 / BUCKET_MS);
    }

    private void report(long killMs, ClusterProbe.Settling settling, AtomicLongArray failures,
            AtomicLongArray successes) {
        long failed = 0;
        long firstFailureMs = -1;
        long lastFailureMs = -1;
        long succeeded = 0;
        for (int i = 0; i < failures.length(); i++) {
            failed += failures.get(i);
            succeeded += successes.get(i);
            if (failures.get(i) > 0) {
                firstFailureMs = firstFailureMs < 0 ? i * BUCKET_MS : firstFailureMs;
                lastFailureMs = (i + 1) * BUCKET_MS;
            }
        }
        long writesStalledMs = longestGapAfter(successes, killMs);
        System.out.printf("failover: killed at %d ms into the load; survivors' view after %d ms, stable %d ms after"
                + " the kill;%n", killMs, settling.viewMs(), settling.stableMs());
        System.out.printf("  writes: %d succeeded, %d failed; failures from %d to %d ms after the kill"
                + " (window %d ms); longest stretch without a successful write %d ms%n", succeeded, failed,
                firstFailureMs < 0 ? 0 : firstFailureMs - killMs, lastFailureMs < 0 ? 0 : lastFailureMs - killMs,
                firstFailureMs < 0 ? 0 : lastFailureMs - firstFailureMs, writesStalledMs);
    }

    /**
     * The longest run of 10 ms buckets with no successful write, from {@code fromMs} to the last bucket that had
     * one (after it the load had ended).
     */
    private static long longestGapAfter(AtomicLongArray successes, long fromMs) {
        int last = successes.length() - 1;
        while (last > 0 && successes.get(last) == 0) {
            last--;
        }
        long longest = 0;
        long current = 0;
        for (int i = (int) (fromMs / BUCKET_MS); i <= last; i++) {
            current = successes.get(i) == 0 ? current + BUCKET_MS : 0;
            longest = Math.max(longest, current);
        }
        return longest;
    }
}
