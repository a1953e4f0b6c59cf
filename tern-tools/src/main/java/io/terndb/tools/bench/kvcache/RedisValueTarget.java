package io.terndb.tools.bench.kvcache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;

/**
 * Redis through Jedis, each object one value: {@code SET key <object>} and {@code GET key}, a pooled connection
 * per call, the pool as large as the in-flight count. A load copies the value Jedis returns into the caller's
 * buffer, as every target does, since a serving engine needs the bytes in its own staging memory.
 */
final class RedisValueTarget implements KvTarget {

    private static final int DELETE_BATCH_KEYS = 256;

    private final JedisPool pool;
    private final String address;

    private RedisValueTarget(JedisPool pool, String address) {
        this.pool = pool;
        this.address = address;
    }

    static RedisValueTarget connect(KvCacheSettings settings) {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(settings.inFlight());
        config.setMaxIdle(settings.inFlight());
        config.setJmxEnabled(false);
        JedisPool pool = new JedisPool(config, settings.host(), settings.port(),
                Math.toIntExact(settings.timeoutMs()));
        try (Jedis jedis = pool.getResource()) {
            jedis.ping();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new RedisValueTarget(pool, settings.host() + ":" + settings.port());
    }

    @Override
    public String description() {
        return "Redis at " + address + " via Jedis, one value per object (SET/GET), pool of in-flight connections";
    }

    /** On the heap: Jedis sends and returns values as {@code byte[]}, so a heap buffer's array goes out as is. */
    @Override
    public ByteBuffer newBuffer(int bytes) {
        return ByteBuffer.allocate(bytes);
    }

    @Override
    public KvSession session() {
        return new KvSession() {
            @Override
            public void store(String key, ByteBuffer payload) {
                if (!payload.hasArray() || payload.arrayOffset() != 0 || payload.position() != 0
                        || payload.remaining() != payload.array().length) {
                    throw new IllegalArgumentException("payload=" + payload + " must be a whole heap buffer");
                }
                try (Jedis jedis = pool.getResource()) {
                    jedis.set(bytes(key), payload.array());
                }
            }

            @Override
            public long load(String key, ByteBuffer destination) {
                byte[] value;
                try (Jedis jedis = pool.getResource()) {
                    value = jedis.get(bytes(key));
                }
                if (value == null) {
                    return MISSING;
                }
                destination.clear();
                destination.put(value);
                return value.length;
            }
        };
    }

    @Override
    public void delete(List<String> keys) {
        try (Jedis jedis = pool.getResource()) {
            for (int start = 0; start < keys.size(); start += DELETE_BATCH_KEYS) {
                List<String> batch = keys.subList(start, Math.min(keys.size(), start + DELETE_BATCH_KEYS));
                jedis.del(batch.toArray(String[]::new));
            }
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
