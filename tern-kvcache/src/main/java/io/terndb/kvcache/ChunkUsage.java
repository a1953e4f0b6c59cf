package io.terndb.kvcache;

/**
 * The set's usage as this store knows it: the last count taken from the server (at start, then every
 * {@code usage_refresh_ms}) plus this process's own stores, loads and deletes since. Other processes' changes
 * show up at the next count.
 *
 * @param usedBytes payload bytes of the committed objects
 * @param objectCount committed objects
 * @param capacityBytes {@code max_capacity_gb} in bytes; 0 when capacity is not tracked (then the other fields
 *     are as of the last {@link ChunkStore#refreshUsage()}, without local changes)
 * @param pinnedCount objects pinned by this process now
 * @param countedAtMs when the last count from the server began (epoch ms), or 0 if none was taken
 */
public record ChunkUsage(long usedBytes, long objectCount, long capacityBytes, int pinnedCount, long countedAtMs) {

    public boolean isTracked() {
        return capacityBytes > 0;
    }
}
