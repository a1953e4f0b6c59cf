package io.terndb.client;

import io.terndb.protocol.VoidTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A record as read: its bins as plain Java objects ({@code Long}, {@code Double}, {@code String}, {@code byte[]},
 * {@code Boolean}, {@code List}, {@code Map}), its generation, and its expiry. A header read (exists / getHeader)
 * has no bins. When an operate command returns several results for one bin, that bin's value is a {@code List}
 * of them.
 *
 * @param bins       bin name to value, in the order the server sent them; empty for header reads
 * @param generation how many times the record was written (wraps from 65535 to 1)
 * @param voidTime   expiry in seconds since 2010-01-01 UTC, 0 = never expires
 */
public record Record(Map<String, Object> bins, int generation, int voidTime) {

    public Record {
        bins = bins == null ? Map.of() : Collections.unmodifiableMap(bins);
    }

    public Object getValue(String name) {
        return bins.get(name);
    }

    /** The bin as a long; 0 when absent. */
    public long getLong(String name) {
        Object value = bins.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** The bin as an int; 0 when absent. */
    public int getInt(String name) {
        return (int) getLong(name);
    }

    /** The bin as a double; 0 when absent. */
    public double getDouble(String name) {
        Object value = bins.get(name);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    public String getString(String name) {
        return (String) bins.get(name);
    }

    public byte[] getBytes(String name) {
        return (byte[]) bins.get(name);
    }

    /** The bin as a boolean; false when absent. */
    public boolean getBoolean(String name) {
        Object value = bins.get(name);
        return value instanceof Boolean flag ? flag : value instanceof Long number && number != 0;
    }

    public List<?> getList(String name) {
        return (List<?>) bins.get(name);
    }

    public Map<?, ?> getMap(String name) {
        return (Map<?, ?>) bins.get(name);
    }

    /**
     * Seconds until the record expires, seen from {@code nowUnixMillis}: -1 if it never expires, at least 1
     * otherwise.
     */
    public int ttlSeconds(long nowUnixMillis) {
        if (voidTime == VoidTime.NEVER) {
            return -1;
        }
        long remaining = Integer.toUnsignedLong(voidTime) - VoidTime.nowSeconds(nowUnixMillis);
        return (int) Math.max(1, remaining);
    }
}
