package io.terndb.client;

import io.terndb.client.internal.codec.Digests;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.PartitionId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Identifies a record: namespace, optional set, and a user key (integer, string or bytes). The 20-byte RIPEMD-160
 * digest of set and key is computed once, here, and is what the server stores the record under (reference §6).
 *
 * <pre>{@code
 * Key key = new Key("test", "users", "alice");
 * Key byId = new Key("test", "users", 42);
 * }</pre>
 */
public final class Key {

    private final String namespace;
    private final String set;
    private final Value userKey;
    private final byte[] digest;
    private final int partitionId;

    public Key(String namespace, String set, String userKey) {
        this(namespace, set, Value.of(Objects.requireNonNull(userKey, "userKey")));
    }

    public Key(String namespace, String set, long userKey) {
        this(namespace, set, Value.of(userKey));
    }

    public Key(String namespace, String set, byte[] userKey) {
        this(namespace, set, Value.of(Objects.requireNonNull(userKey, "userKey")));
    }

    /**
     * A key from a user key value.
     *
     * @throws IllegalArgumentException if the namespace or set is too long or the key is not integer, string, bytes
     */
    public Key(String namespace, String set, Value userKey) {
        this(namespace, set, checkUserKey(userKey), Digests.of(set, userKey));
    }

    private Key(String namespace, String set, Value userKey, byte[] digest) {
        this.namespace = checkNamespace(namespace);
        this.set = checkSet(set);
        this.userKey = userKey;
        this.digest = digest;
        this.partitionId = PartitionId.of(digest);
    }

    /** A key known only by its digest (as scans return records whose user key was not stored). */
    public static Key ofDigest(String namespace, String set, byte[] digest) {
        if (digest == null || digest.length != FieldType.DIGEST_BYTES) {
            throw new IllegalArgumentException("digest length=" + (digest == null ? null : digest.length)
                    + " (must be " + FieldType.DIGEST_BYTES + ")");
        }
        return new Key(namespace, set, null, digest.clone());
    }

    /**
     * A key as a server returns it: the digest, and the user key if it was stored with the record ({@code null}
     * otherwise). The user key is not checked against the digest.
     */
    public static Key ofDigest(String namespace, String set, byte[] digest, Value userKey) {
        Key key = ofDigest(namespace, set, digest);
        return userKey == null ? key : new Key(namespace, set, userKey, key.digest);
    }

    private static String checkNamespace(String namespace) {
        if (namespace == null || namespace.isEmpty()
                || namespace.getBytes(StandardCharsets.UTF_8).length > FieldType.NAMESPACE_BYTES_MAX) {
            throw new IllegalArgumentException("namespace=" + namespace + " (1 to "
                    + FieldType.NAMESPACE_BYTES_MAX + " bytes)");
        }
        return namespace;
    }

    private static String checkSet(String set) {
        if (set != null && set.getBytes(StandardCharsets.UTF_8).length > FieldType.SET_BYTES_MAX) {
            throw new IllegalArgumentException("set=" + set + " (at most " + FieldType.SET_BYTES_MAX + " bytes)");
        }
        return set;
    }

    private static Value checkUserKey(Value userKey) {
        return switch (userKey) {
            case Value.IntegerValue integer -> integer;
            case Value.StringValue string -> string;
            case Value.BytesValue bytes -> bytes;
            case Value.DoubleValue number -> number;
            case null -> throw new IllegalArgumentException("userKey=null");
            default -> throw new IllegalArgumentException("userKey type=" + userKey.getClass().getSimpleName()
                    + " (must be integer, string or bytes)");
        };
    }

    public String namespace() {
        return namespace;
    }

    /** The set, or null for records outside any set. */
    public String set() {
        return set;
    }

    /** The user key, or null when only the digest is known. */
    public Value userKey() {
        return userKey;
    }

    /** The 20-byte digest. The array is shared: do not change it. */
    public byte[] digest() {
        return digest;
    }

    /** The partition (0..4095) the record lives in. */
    public int partitionId() {
        return partitionId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key that && namespace.equals(that.namespace) && Arrays.equals(digest, that.digest);
    }

    @Override
    public int hashCode() {
        return 31 * namespace.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return namespace + ":" + (set == null ? "" : set) + ":" + (userKey == null ? "" : userKey.toObject()) + ":"
                + HexFormat.of().formatHex(digest);
    }
}
