package io.terndb.storage.device;

import io.terndb.storage.NamespaceStore;
import io.terndb.storage.RecordAccess;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@link RecordAccess} keyed by integers (turned into digests), with values that say which key and version. */
final class StoreDriver implements AutoCloseable {

    private final RecordAccess access;

    StoreDriver(NamespaceStore store) {
        this.access = new RecordAccess(store);
    }

    static byte[] digest(long key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256")
                    .digest(Long.toString(key).getBytes(StandardCharsets.UTF_8));
            return java.util.Arrays.copyOf(sha, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    int put(long key, byte[] value, long voidTime) {
        return access.put(digest(key), value, voidTime, System.currentTimeMillis(), true);
    }

    byte[] get(long key) {
        return access.get(digest(key));
    }

    boolean delete(long key) {
        return access.delete(digest(key), System.currentTimeMillis());
    }

    static byte[] value(long key, int version, int bytes) {
        byte[] value = new byte[bytes];
        ByteBuffer.wrap(value).putLong(0, key).putInt(8, version);
        for (int i = 12; i < bytes; i++) {
            value[i] = (byte) (key * 31 + version + i);
        }
        return value;
    }

    @Override
    public void close() {
        access.close();
    }
}
