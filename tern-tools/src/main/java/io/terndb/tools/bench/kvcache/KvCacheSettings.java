package io.terndb.tools.bench.kvcache;

import java.util.Locale;

/**
 * One run of {@code tern bench kvcache}, validated once.
 *
 * @param target what is measured
 * @param host server host
 * @param port server port
 * @param namespace TernDB namespace (TernDB targets)
 * @param set TernDB set (TernDB targets)
 * @param objectBytes bytes per object
 * @param inFlight objects stored or loaded at once (threads, and the chunk store's num_workers)
 * @param objects distinct objects stored by the store phase, each once
 * @param rounds times the load phase loads every stored object
 * @param warmup whether in-flight extra objects are stored, loaded and deleted first, unmeasured
 * @param segmentBytes target payload bytes per segment; 0 = as large as the server's record cap allows
 * @param timeoutMs total timeout of each call
 * @param verify whether loaded objects are checked (stamps of every page, one page compared in full)
 * @param seed seed of the payload bytes and write ids
 * @param keyPrefix prefix of every object key of this run
 * @param keep whether the objects are left in place at the end rather than deleted
 * @param eventLoops the chunk store's client event loops; 0 = the chunk store connects its own, with the defaults
 */
record KvCacheSettings(KvTargetKind target, String host, int port, String namespace, String set, int objectBytes,
        int inFlight, int objects, int rounds, boolean warmup, long segmentBytes, long timeoutMs, boolean verify,
        long seed, String keyPrefix, boolean keep, int eventLoops) {

    static final int IN_FLIGHT_MAX = 1024;
    static final long MIB = 1024 * 1024;
    /** Without --objects, at least this much data is stored, so a phase lasts long enough to measure. */
    static final long DEFAULT_DATA_BYTES = 1024 * MIB;

    KvCacheSettings {
        require(host != null && !host.isBlank(), "host=" + host + " must not be blank");
        require(port > 0 && port <= 65_535, "port=" + port + " must be in [1, 65535]");
        require(namespace != null && !namespace.isBlank(), "namespace=" + namespace + " must not be blank");
        require(set != null, "set must be given");
        require(objectBytes >= ObjectPattern.STAMP_BYTES, "objectBytes=" + objectBytes + " must be >= "
                + ObjectPattern.STAMP_BYTES);
        require(inFlight >= 1 && inFlight <= IN_FLIGHT_MAX, "inFlight=" + inFlight + " must be in [1, "
                + IN_FLIGHT_MAX + "]");
        require(objects >= 1, "objects=" + objects + " must be >= 1");
        require(rounds >= 1, "rounds=" + rounds + " must be >= 1");
        require(segmentBytes >= 0, "segmentBytes=" + segmentBytes + " must be >= 0 (0 = discover)");
        require(timeoutMs > 0 && timeoutMs <= Integer.MAX_VALUE, "timeoutMs=" + timeoutMs + " must be > 0");
        require(keyPrefix != null && !keyPrefix.isBlank(), "keyPrefix=" + keyPrefix + " must not be blank");
        require(eventLoops >= 0, "eventLoops=" + eventLoops + " must be >= 0 (0 = the chunk store's default)");
    }

    /** The default object count: two per in-flight slot, and at least {@link #DEFAULT_DATA_BYTES} of data. */
    static int defaultObjects(int objectBytes, int inFlight) {
        long forData = (DEFAULT_DATA_BYTES + objectBytes - 1) / objectBytes;
        return (int) Math.max(2L * inFlight, forData);
    }

    String objectKey(int index) {
        return keyPrefix + "-" + index;
    }

    String warmupKey(int index) {
        return keyPrefix + "-warmup-" + index;
    }

    String describe() {
        String size = objectBytes % MIB == 0 ? (objectBytes / MIB) + " MiB" : objectBytes + " B";
        return String.format(Locale.ROOT, "target=%s object=%s in-flight=%d objects=%d load-rounds=%d "
                        + "segment-bytes=%s timeout=%d ms verify=%s warm-up=%s server=%s:%d%s",
                target.label(), size, inFlight, objects, rounds, segmentBytes == 0 ? "discover" : segmentBytes,
                timeoutMs, verify ? "on" : "off", warmup ? "on" : "off", host, port,
                target == KvTargetKind.REDIS ? "" : " namespace=" + namespace + " set=" + set);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
