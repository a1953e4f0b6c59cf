package io.terndb.tools.bench.kvcache;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One run against one target: an unmeasured warm-up, the store phase (every object once), the load phase (every
 * object {@code rounds} times), then the objects are deleted. Buffers, one per in-flight slot, are allocated once
 * and reused, so no object-sized allocation happens in the timed loop on the benchmark's side.
 */
final class KvCacheBench {

    private final KvCacheSettings settings;
    private final PrintWriter out;

    KvCacheBench(KvCacheSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    KvCacheSummary run(KvTarget target) throws Exception {
        ObjectPattern pattern = new ObjectPattern(settings.objectBytes(), settings.seed());
        List<ByteBuffer> buffers = new ArrayList<>(settings.inFlight());
        List<KvSession> sessions = new ArrayList<>(settings.inFlight());
        for (int index = 0; index < settings.inFlight(); index++) {
            buffers.add(target.newBuffer(settings.objectBytes()));
            sessions.add(target.session());
        }
        PhaseRunner runner = new PhaseRunner(sessions, buffers, out);
        if (settings.warmup()) {
            warmUp(target, runner, pattern, buffers);
        }
        List<String> keys = IntStream.range(0, settings.objects()).mapToObj(settings::objectKey).toList();
        buffers.forEach(pattern::fill);
        PhaseResult store = runner.run("store", keys.size(), new StoreStep(pattern, keys));
        PhaseResult load = runner.run("load", (long) keys.size() * settings.rounds(),
                new LoadStep(pattern, keys, settings.verify()));
        if (!settings.keep()) {
            target.delete(keys);
        }
        return new KvCacheSummary(settings, target.description(), store, load);
    }

    /** Stores, loads and deletes one object per in-flight slot so the JIT and connections are warm. */
    private void warmUp(KvTarget target, PhaseRunner runner, ObjectPattern pattern, List<ByteBuffer> buffers)
            throws Exception {
        List<String> keys = IntStream.range(0, settings.inFlight()).mapToObj(settings::warmupKey).toList();
        buffers.forEach(pattern::fill);
        PhaseResult store = runner.run("warm-up store", keys.size(), new StoreStep(pattern, keys));
        PhaseResult load = runner.run("warm-up load", keys.size(), new LoadStep(pattern, keys, settings.verify()));
        target.delete(keys);
        out.printf("warm-up: %d objects stored and loaded, not measured (errors %d, misses %d, corrupt %d)%n",
                keys.size(), store.errors() + load.errors(), load.misses(), load.corruptObjects());
        for (PhaseResult phase : List.of(store, load)) {
            if (phase.firstError() != null) {
                out.println(phase.phase() + " first error: " + phase.firstError());
            }
        }
        out.flush();
    }
}
