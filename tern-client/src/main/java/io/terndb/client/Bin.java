package io.terndb.client;

import io.terndb.protocol.MessageLayout;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A named value of a record. Names are at most 15 bytes of UTF-8 (the server's limit).
 *
 * <pre>{@code
 * client.put(key, new Bin("name", "Alice"), new Bin("age", 42));
 * }</pre>
 */
public record Bin(String name, Value value) {

    public Bin {
        checkName(name);
        Objects.requireNonNull(value, "value");
    }

    public Bin(String name, long value) {
        this(name, Value.of(value));
    }

    public Bin(String name, double value) {
        this(name, Value.of(value));
    }

    public Bin(String name, String value) {
        this(name, Value.of(value));
    }

    public Bin(String name, byte[] value) {
        this(name, Value.of(value));
    }

    /** A blob of the buffer's remaining bytes, not copied: see {@link Value#of(java.nio.ByteBuffer)}. */
    public Bin(String name, java.nio.ByteBuffer value) {
        this(name, Value.of(value));
    }

    public Bin(String name, boolean value) {
        this(name, Value.of(value));
    }

    public Bin(String name, Object value) {
        this(name, Value.ofObject(value));
    }

    /** A bin that, when written, deletes the bin of that name. */
    public static Bin delete(String name) {
        return new Bin(name, Value.ofNull());
    }

    static String checkName(String name) {
        if (name == null || name.getBytes(StandardCharsets.UTF_8).length > MessageLayout.BIN_NAME_BYTES_MAX) {
            throw new IllegalArgumentException("bin name=" + name + " (at most "
                    + MessageLayout.BIN_NAME_BYTES_MAX + " bytes)");
        }
        return name;
    }
}
