package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Loads object {@code sequence mod keys} into the thread's buffer, round after round over the stored objects, and
 * verifies it (or, with verification off, checks only its length).
 */
record LoadStep(ObjectPattern pattern, List<String> keys, boolean verify) implements PhaseStep {

    @Override
    public void prepare(ByteBuffer buffer, long sequence) {
    }

    @Override
    public long perform(KvSession session, ByteBuffer buffer, long sequence) throws Exception {
        return session.load(keys.get(objectIndex(sequence)), buffer);
    }

    @Override
    public boolean check(ByteBuffer buffer, long bytes, long sequence) {
        return verify ? pattern.verify(buffer, bytes, objectIndex(sequence)) : bytes == pattern.objectBytes();
    }

    private int objectIndex(long sequence) {
        return (int) (sequence % keys.size());
    }
}
