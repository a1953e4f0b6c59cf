package io.terndb.kvcache;

/** What became of one object given to {@link ChunkStore#store}. */
public enum StoreOutcome {
    /** This call wrote the object. */
    STORED,
    /** A complete object was already stored under the key (by an earlier or racing writer); ours was dropped. */
    ALREADY_STORED,
    /** A server or network error; nothing of this call is visible (segments may linger until their TTL). */
    FAILED
}
