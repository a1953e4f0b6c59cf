package io.terndb.tools.bench;

import java.nio.charset.StandardCharsets;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisPoolConfig;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Redis through Jedis: key {@code bench:<index>}, value set with {@code SET} as bytes. Each operation borrows a
 * connection from a pool sized to the thread count, the way the Aerospike client borrows from its node pool.
 */
public final class RedisTarget implements PeerTarget {
    public static final String KEY_PREFIX = "bench:";
    public static final int TIMEOUT_MS = 2_000;

    private final JedisPool pool;
    private final byte[][] keys;
    private final byte[] value;

    private RedisTarget(JedisPool pool, byte[][] keys, byte[] value) {
        this.pool = pool;
        this.keys = keys;
        this.value = value;
    }

    /** Connects to {@code address} and checks it answers {@code PING}. */
    public static RedisTarget connect(HostPort address, Workload workload, byte[] value)
            throws TargetUnavailableException {
        JedisPoolConfig config = new JedisPoolConfig();
        config.setMaxTotal(workload.threads());
        config.setMaxIdle(workload.threads());
        config.setJmxEnabled(false);
        JedisPool pool = new JedisPool(config, address.host(), address.port(), TIMEOUT_MS);
        try (Jedis jedis = pool.getResource()) {
            jedis.ping();
        } catch (JedisException e) {
            pool.close();
            throw new TargetUnavailableException(
                    "cannot connect to Redis at " + address + ": " + Messages.oneLine(e.getMessage()));
        }
        byte[][] keys = new byte[workload.keys()][];
        for (int index = 0; index < keys.length; index++) {
            keys[index] = (KEY_PREFIX + index).getBytes(StandardCharsets.US_ASCII);
        }
        return new RedisTarget(pool, keys, value);
    }

    @Override
    public void update(int key) {
        try (Jedis jedis = pool.getResource()) {
            jedis.set(keys[key], value);
        }
    }

    @Override
    public boolean read(int key) {
        try (Jedis jedis = pool.getResource()) {
            return jedis.get(keys[key]) != null;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
