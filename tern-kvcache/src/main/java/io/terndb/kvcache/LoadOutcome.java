package io.terndb.kvcache;

/** What became of one object asked for by {@link ChunkStore#load}. */
public enum LoadOutcome {
    /** The whole object was verified and copied into the destination. */
    HIT,
    /** No complete, consistent object under the key: absent, expired, torn, mixed or failing its checksum. */
    MISS,
    /** The object exists but the destination has fewer bytes remaining than the object holds. */
    DESTINATION_TOO_SMALL,
    /** A server or network error; the caller should treat it as a miss. */
    FAILED,
    /**
     * The load deadline ({@code load_deadline_ms}) passed first; the caller should treat it as a miss and
     * recompute. The destination was not written after the deadline (the copy of a segment already under way
     * finished before the deadline answered).
     */
    TIMED_OUT
}
