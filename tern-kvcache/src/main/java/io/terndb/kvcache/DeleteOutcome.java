package io.terndb.kvcache;

/** What became of one object given to {@link ChunkStore#delete}. */
public enum DeleteOutcome {
    /** The object existed and is gone. */
    DELETED,
    /** No object was stored under the key. */
    ABSENT,
    /** A server or network error; the object may still be there. */
    FAILED
}
