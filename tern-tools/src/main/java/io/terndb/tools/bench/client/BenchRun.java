package io.terndb.tools.bench.client;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One run: start the load, print a line per second, discard the warm-up, measure until the duration passes or the
 * work runs out, then stop and summarize, with the process CPU time per operation.
 */
final class BenchRun {

    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_NS = TimeUnit.MILLISECONDS.toNanos(20);

    private final BenchSettings settings;
    private final PrintWriter out;

    BenchRun(BenchSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    BenchSummary run(ClientDriver driver) throws InterruptedException {
        BenchStats stats = new BenchStats();
        KeyChooser chooser = new KeyChooser(settings, settings.operations());
        Throttle throttle = Throttle.of(settings.throughput());
        Load load = settings.async() ? new AsyncLoad(settings, driver, chooser, stats, throttle)
                : new SyncLoad(settings, driver, chooser, stats, throttle);
        Histogram measured = new Histogram(BenchStats.LATENCY_NS_MAX, 3);
        Phase phase = new Phase(settings, stats);
        load.start();
        try {
            while (!phase.finished(load.isDone())) {
                long waitNs = Math.min(phase.nextEventNs() - System.nanoTime(), POLL_NS);
                if (waitNs > 0) {
                    TimeUnit.NANOSECONDS.sleep(waitNs);
                }
                phase.tick(System.nanoTime(), measured, out);
            }
        } finally {
            load.stopAndAwait();
        }
        return phase.finish(System.nanoTime(), measured, out);
    }

    /** Warm-up, then measuring; prints one line per second of either. */
    private static final class Phase {
        private final BenchSettings settings;
        private final BenchStats stats;
        private final long warmupEndNs;
        private boolean measuring;
        private long measureStartNs;
        private long measureEndNs = Long.MAX_VALUE;
        private long cpuStartNs;
        private long intervalStartNs;
        private long nextTickNs;
        private long[] countsAtStart = {0, 0};
        private long[] countsAtTick = {0, 0};

        Phase(BenchSettings settings, BenchStats stats) {
            this.settings = settings;
            this.stats = stats;
            long nowNs = System.nanoTime();
            boolean warmup = settings.hasWarmup();
            this.warmupEndNs = warmup ? nowNs + settings.warmup().toNanos() : nowNs;
            this.intervalStartNs = nowNs;
            this.nextTickNs = nowNs + SECOND_NS;
            if (!warmup) {
                startMeasuring(nowNs);
            }
        }

        private void startMeasuring(long nowNs) {
            measuring = true;
            measureStartNs = nowNs;
            measureEndNs = settings.operations() > 0 ? Long.MAX_VALUE : nowNs + settings.duration().toNanos();
            cpuStartNs = CpuClock.processCpuNs();
            stats.takeInterval();
            countsAtStart = stats.counts();
            countsAtTick = countsAtStart;
            intervalStartNs = nowNs;
            nextTickNs = nowNs + SECOND_NS;
        }

        long nextEventNs() {
            return Math.min(nextTickNs, measuring ? measureEndNs : warmupEndNs);
        }

        boolean finished(boolean loadDone) {
            return measuring && (loadDone || System.nanoTime() >= measureEndNs);
        }

        void tick(long nowNs, Histogram measured, PrintWriter out) {
            if (!measuring && nowNs >= warmupEndNs) {
                print(out, "warm-up", nowNs, stats.takeInterval());
                startMeasuring(nowNs);
                return;
            }
            if (nowNs >= nextTickNs) {
                Histogram interval = stats.takeInterval();
                if (measuring) {
                    measured.add(interval);
                }
                print(out, measuring ? "" : "warm-up", nowNs, interval);
                nextTickNs += SECOND_NS;
            }
        }

        private void print(PrintWriter out, String label, long nowNs, Histogram interval) {
            long[] counts = stats.counts();
            double seconds = Math.max(1e-9, (nowNs - intervalStartNs) / 1e9);
            long elapsed = Math.round((nowNs - (measuring ? measureStartNs : warmupEndNs - settings.warmup().toNanos()))
                    / 1e9);
            out.printf(Locale.ROOT, "%s%4ds: %8.0f ops/s, p50 %7.1f us, p99 %7.1f us, p99.9 %8.1f us, errors %d%n",
                    label.isEmpty() ? "" : label + " ", elapsed, interval.getTotalCount() / seconds,
                    percentileUs(interval, 50), percentileUs(interval, 99), percentileUs(interval, 99.9),
                    counts[0] - countsAtTick[0]);
            out.flush();
            countsAtTick = counts;
            intervalStartNs = nowNs;
        }

        BenchSummary finish(long nowNs, Histogram measured, PrintWriter out) {
            measured.add(stats.takeInterval());
            long cpuNs = CpuClock.processCpuNs() - cpuStartNs;
            long[] counts = stats.counts();
            return new BenchSummary(settings, measured, nowNs - measureStartNs, counts[0] - countsAtStart[0],
                    counts[1] - countsAtStart[1], cpuNs, stats.firstError());
        }
    }

    static double percentileUs(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1_000.0;
    }
}
