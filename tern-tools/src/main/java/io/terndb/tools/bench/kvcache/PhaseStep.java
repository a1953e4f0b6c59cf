package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;

/** What one phase does to one object; only {@link #perform} is inside the per-object latency. */
interface PhaseStep {

    /** Untimed work before the call, such as stamping the payload. */
    void prepare(ByteBuffer buffer, long sequence);

    /** The timed call: returns the bytes moved, or {@link KvSession#MISSING}. */
    long perform(KvSession session, ByteBuffer buffer, long sequence) throws Exception;

    /** Untimed check after a call that moved bytes; false counts the object as corrupt. */
    boolean check(ByteBuffer buffer, long bytes, long sequence);
}
