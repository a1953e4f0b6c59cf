package io.terndb.client;

/** Optimistic concurrency: apply a write only if the record's generation matches (reference §3.2). */
public enum GenerationPolicy {
    /** No check. */
    NONE,
    /** Apply only if the record's generation equals the expected one; else result code 3. */
    EXPECT_EQUAL,
    /** Apply only if the expected generation is greater than the record's (restores); else result code 3. */
    EXPECT_GREATER
}
