package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;

/** One load thread's view of a {@link KvTarget}: blocking store and load of one object. */
interface KvSession {

    /** Returned by {@link #load} when no complete object is stored under the key. */
    long MISSING = -1;

    /**
     * Stores the payload's remaining bytes under {@code key}; the buffer's position and limit are left as they
     * were. A failure (including the target refusing the object) is an exception.
     */
    void store(String key, ByteBuffer payload) throws Exception;

    /**
     * Copies the object into {@code destination} from position 0 and returns its length, or {@link #MISSING}.
     * Errors other than a miss are exceptions.
     */
    long load(String key, ByteBuffer destination) throws Exception;
}
