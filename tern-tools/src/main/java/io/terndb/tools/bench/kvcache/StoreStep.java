package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.util.List;

/** Stores object {@code sequence} of {@code keys}: stamps the thread's buffer, then stores it. */
record StoreStep(ObjectPattern pattern, List<String> keys) implements PhaseStep {

    @Override
    public void prepare(ByteBuffer buffer, long sequence) {
        pattern.stamp(buffer, sequence);
    }

    @Override
    public long perform(KvSession session, ByteBuffer buffer, long sequence) throws Exception {
        session.store(keys.get(Math.toIntExact(sequence)), buffer);
        return buffer.remaining();
    }

    @Override
    public boolean check(ByteBuffer buffer, long bytes, long sequence) {
        return true;
    }
}
