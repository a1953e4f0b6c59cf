package io.terndb.protocol;

/**
 * Record expiry on the wire: seconds since 2010-01-01T00:00:00Z (the "Citrusleaf epoch"), 0 = never.
 * TTLs in write requests: 0 = namespace default, -1 (0xFFFFFFFF) = never expire, -2 = keep the record's.
 */
public final class VoidTime {

    public static final long EPOCH_UNIX_SECONDS = 1_262_304_000L;
    public static final int NEVER = 0;
    public static final int TTL_USE_DEFAULT = 0;
    public static final int TTL_NEVER_EXPIRE = -1;
    public static final int TTL_DONT_UPDATE = -2;

    private VoidTime() {
    }

    public static long nowSeconds(long unixMillis) {
        return unixMillis / 1000 - EPOCH_UNIX_SECONDS;
    }
}
