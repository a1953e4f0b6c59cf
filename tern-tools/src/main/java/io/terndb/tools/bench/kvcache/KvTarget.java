package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A server holding whole objects, as one benchmark target. Each load thread gets its own {@link KvSession}, so
 * per-thread scratch space is never shared.
 */
interface KvTarget extends AutoCloseable {

    /** The client and access pattern, for the summary. */
    String description();

    /** A buffer of {@code bytes} of the kind this target's client reads and writes best (heap or direct). */
    ByteBuffer newBuffer(int bytes);

    KvSession session();

    /** Removes the objects (not measured); objects that are absent are skipped. */
    void delete(List<String> keys) throws Exception;

    @Override
    void close();
}
