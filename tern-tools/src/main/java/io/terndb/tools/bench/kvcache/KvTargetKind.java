package io.terndb.tools.bench.kvcache;

import java.util.Locale;

/** What {@code tern bench kvcache} measures: one way of storing and loading whole KV-cache objects. */
public enum KvTargetKind {
    /** tern-kvcache's ChunkStore: segments written in parallel, read back in one batch. */
    CHUNKSTORE,
    /** LMCache's connector pattern on TernDB: one synchronous call per segment, one after another. */
    SEQUENTIAL,
    /** Redis through Jedis, each object one value (SET / GET). */
    REDIS;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
