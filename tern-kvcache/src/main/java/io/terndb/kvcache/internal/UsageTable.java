package io.terndb.kvcache.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The objects of the set as this process knows them: the latest {@link Census} plus what this process stored,
 * loaded and deleted since. Recency is the last store or load hit in this process, else the object's
 * {@code created_at}: objects other processes use are seen as old as they are, which is the best this process can
 * know without writing an access time on every load.
 *
 * <p>A census replaces the table, except for objects this process stored after the census began (the scan may
 * have passed their partition already). Between censuses, another process's stores and deletes are not seen.
 */
public final class UsageTable {

    private static final Comparator<Map.Entry<String, Entry>> LEAST_RECENT_FIRST = Comparator
            .comparingLong((Map.Entry<String, Entry> each) -> each.getValue().lastUseMs())
            .thenComparing(Map.Entry::getKey);

    private final Map<String, Entry> entries = new HashMap<>();
    /** Objects removed here lately, so a census that began before the removal does not bring them back. */
    private final Map<String, Long> removedAtMs = new HashMap<>();
    private long keyedBytes;
    private long unkeyedObjects;
    private long unkeyedBytes;
    private long countedAtMs;

    public synchronized void applyCensus(Census census) {
        Map<String, Entry> next = new HashMap<>();
        removedAtMs.values().removeIf(atMs -> atMs < census.startedAtMs());
        census.objects().forEach((key, summary) -> {
            if (removedAtMs.containsKey(key)) {
                return;
            }
            Entry known = entries.get(key);
            long lastUseMs = Math.max(summary.createdAtSeconds() * 1000, known == null ? 0 : known.lastUseMs());
            next.put(key, new Entry(summary.totalBytes(), lastUseMs, summary.pinnedOnServer(),
                    summary.pinnedUntilMs(), 0));
        });
        entries.forEach((key, entry) -> {
            if (!next.containsKey(key) && entry.storedAtMs() >= census.startedAtMs()) {
                next.put(key, entry);
            }
        });
        entries.clear();
        entries.putAll(next);
        keyedBytes = next.values().stream().mapToLong(Entry::bytes).sum();
        unkeyedObjects = census.unkeyedObjects();
        unkeyedBytes = census.unkeyedBytes();
        countedAtMs = census.startedAtMs();
    }

    /** When the census last applied began, or 0. */
    public synchronized long countedAtMs() {
        return countedAtMs;
    }

    public synchronized void stored(String objectKey, long bytes, long nowMs) {
        removedAtMs.remove(objectKey);
        put(objectKey, new Entry(bytes, nowMs, false, 0, nowMs));
    }

    /** A load hit: the object is there, and now the most recently used. */
    public synchronized void used(String objectKey, long nowMs) {
        Entry entry = entries.get(objectKey);
        if (entry != null) {
            entries.put(objectKey, entry.usedAt(nowMs));
        }
    }

    /** An eviction found a lease on the server: the object is no candidate until then (or the next census). */
    public synchronized void leasedOnServer(String objectKey, long pinnedUntilMs) {
        Entry entry = entries.get(objectKey);
        if (entry != null) {
            entries.put(objectKey, entry.leasedUntil(pinnedUntilMs));
        }
    }

    /** Deleted or found missing (expired, evicted by another process). */
    public synchronized void removed(String objectKey, long nowMs) {
        removedAtMs.put(objectKey, nowMs);
        Entry entry = entries.remove(objectKey);
        if (entry != null) {
            keyedBytes -= entry.bytes();
        }
    }

    public synchronized long usedBytes() {
        return keyedBytes + unkeyedBytes;
    }

    public synchronized long objectCount() {
        return entries.size() + unkeyedObjects;
    }

    public synchronized long bytesOf(String objectKey) {
        Entry entry = entries.get(objectKey);
        return entry == null ? 0 : entry.bytes();
    }

    /**
     * Evictable objects (known by key, not pinned on the server as last seen), least recently used first. A lease
     * seen here may since have been cleared or renewed; the eviction reads it again before deleting.
     */
    public synchronized List<String> leastRecentlyUsed(long nowMs) {
        List<Map.Entry<String, Entry>> candidates = new ArrayList<>();
        for (Map.Entry<String, Entry> each : entries.entrySet()) {
            Entry entry = each.getValue();
            if (!entry.pinnedOnServer() && !ServerPins.holds(entry.pinnedUntilMs(), nowMs)) {
                candidates.add(Map.entry(each.getKey(), each.getValue()));
            }
        }
        candidates.sort(LEAST_RECENT_FIRST);
        return candidates.stream().map(Map.Entry::getKey).toList();
    }

    private void put(String objectKey, Entry entry) {
        Entry previous = entries.put(objectKey, entry);
        keyedBytes += entry.bytes() - (previous == null ? 0 : previous.bytes());
    }

    /**
     * @param pinnedOnServer the {@code pin} bin is true
     * @param pinnedUntilMs the {@code pin_until} lease last seen, or 0
     * @param storedAtMs when this process stored it, or 0 when it came from a census
     */
    private record Entry(long bytes, long lastUseMs, boolean pinnedOnServer, long pinnedUntilMs, long storedAtMs) {
        Entry usedAt(long nowMs) {
            return new Entry(bytes, nowMs, pinnedOnServer, pinnedUntilMs, storedAtMs);
        }

        Entry leasedUntil(long untilMs) {
            return new Entry(bytes, lastUseMs, pinnedOnServer, untilMs, storedAtMs);
        }
    }
}
