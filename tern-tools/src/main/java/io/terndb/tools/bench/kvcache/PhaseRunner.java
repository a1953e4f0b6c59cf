package io.terndb.tools.bench.kvcache;

import io.terndb.tools.bench.client.CpuClock;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one phase: {@code operations} calls spread over one thread per session, each thread with its own buffer,
 * so exactly as many objects are in flight as there are sessions until the work runs out. Prints a line per
 * second while the threads work.
 */
final class PhaseRunner {

    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final List<KvSession> sessions;
    private final List<ByteBuffer> buffers;
    private final PrintWriter out;

    PhaseRunner(List<KvSession> sessions, List<ByteBuffer> buffers, PrintWriter out) {
        if (sessions.size() != buffers.size() || sessions.isEmpty()) {
            throw new IllegalArgumentException("sessions=" + sessions.size() + " buffers=" + buffers.size()
                    + " must be as many, at least one");
        }
        this.sessions = List.copyOf(sessions);
        this.buffers = List.copyOf(buffers);
        this.out = out;
    }

    PhaseResult run(String phase, long operations, PhaseStep step) throws InterruptedException {
        PhaseStats stats = new PhaseStats();
        AtomicLong next = new AtomicLong();
        List<Thread> threads = new ArrayList<>(sessions.size());
        long startNs = System.nanoTime();
        long cpuStartNs = CpuClock.processCpuNs();
        for (int index = 0; index < sessions.size(); index++) {
            Worker worker = new Worker(sessions.get(index), buffers.get(index), next, operations, step, stats);
            threads.add(Thread.ofPlatform().name("kvbench-" + phase + "-" + index).start(worker));
        }
        Histogram measured = new Histogram(PhaseStats.LATENCY_NS_MAX, 3);
        printProgress(phase, threads, stats, startNs, measured);
        long elapsedNs = System.nanoTime() - startNs;
        long cpuNs = CpuClock.processCpuNs() - cpuStartNs;
        measured.add(stats.takeInterval());
        return new PhaseResult(phase, measured, stats.bytes(), elapsedNs, cpuNs, stats.errors(), stats.misses(),
                stats.corruptObjects(), stats.firstError());
    }

    /** Until every thread has finished: one line per second with that second's throughput and latencies. */
    private void printProgress(String phase, List<Thread> threads, PhaseStats stats, long startNs,
            Histogram measured) throws InterruptedException {
        long nextTickNs = startNs + SECOND_NS;
        long bytesAtTick = 0;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                long waitNs = nextTickNs - System.nanoTime();
                if (waitNs > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNs)));
                    continue;
                }
                Histogram interval = stats.takeInterval();
                measured.add(interval);
                long bytes = stats.bytes();
                out.printf(Locale.ROOT, "%s %4d s: %7.3f GiB/s, %6.1f objects/s, p50 %8.1f ms, p99 %8.1f ms, "
                                + "errors %d, misses %d%n", phase, Math.round((nextTickNs - startNs) / 1e9),
                        (bytes - bytesAtTick) / PhaseResult.GIB, (double) interval.getTotalCount(),
                        interval.getValueAtPercentile(50) / 1e6, interval.getValueAtPercentile(99) / 1e6,
                        stats.errors(), stats.misses());
                out.flush();
                bytesAtTick = bytes;
                nextTickNs += SECOND_NS;
            }
        }
    }

    /** One load thread: takes the next sequence number until there are none left. */
    private record Worker(KvSession session, ByteBuffer buffer, AtomicLong next, long operations, PhaseStep step,
            PhaseStats stats) implements Runnable {

        @Override
        public void run() {
            for (long sequence = next.getAndIncrement(); sequence < operations; sequence = next.getAndIncrement()) {
                step.prepare(buffer, sequence);
                long startNs = System.nanoTime();
                long bytes;
                try {
                    bytes = step.perform(session, buffer, sequence);
                } catch (Exception e) {
                    stats.error(e);
                    continue;
                }
                long latencyNs = System.nanoTime() - startNs;
                if (bytes == KvSession.MISSING) {
                    stats.miss(latencyNs);
                } else if (!step.check(buffer, bytes, sequence)) {
                    stats.corrupt(latencyNs);
                } else {
                    stats.completed(latencyNs, bytes);
                }
            }
        }
    }
}
