package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.util.List;

/** A target whose stores are silently lost: every load must then be a miss. */
final class DroppingTarget implements KvTarget {

    private final KvTarget real;

    DroppingTarget(KvTarget real) {
        this.real = real;
    }

    @Override
    public String description() {
        return "dropping stores of " + real.description();
    }

    @Override
    public ByteBuffer newBuffer(int bytes) {
        return real.newBuffer(bytes);
    }

    @Override
    public KvSession session() {
        KvSession session = real.session();
        return new KvSession() {
            @Override
            public void store(String key, ByteBuffer payload) {
            }

            @Override
            public long load(String key, ByteBuffer destination) throws Exception {
                return session.load(key, destination);
            }
        };
    }

    @Override
    public void delete(List<String> keys) throws Exception {
        real.delete(keys);
    }

    @Override
    public void close() {
        real.close();
    }
}
