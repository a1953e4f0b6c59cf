package io.terndb.cluster.metadata;

import io.terndb.cluster.message.MetadataEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A small store every node of the cluster holds whole (the original's system metadata): modules of key/value items,
 * each with a version. A change made on one node is sent to every member until each acknowledges it, and every
 * exchange after a new view carries the whole store, so a node that joins later, or missed a change, catches up;
 * everywhere the higher version wins. Modules subscribe to apply what arrives (truncation cut-offs today; index
 * definitions, UDF modules and users later). Thread-safe.
 */
public final class SystemMetadata {

    /** Applies an item of one module; called once per item that wins, on the thread that merged it. */
    @FunctionalInterface
    public interface Listener {
        void changed(MetadataEntry entry);
    }

    /** A local change on its way to the members; {@code waiting} are those that have not acknowledged it. */
    private static final class Broadcast {
        final long id;
        final List<MetadataEntry> entries;
        final Set<Long> waiting;
        /** Completes when {@code waiting} is empty: every member applied the change, or left the view. */
        final CompletableFuture<Void> delivered = new CompletableFuture<>();
        long lastSentMs = Long.MIN_VALUE;

        Broadcast(long id, List<MetadataEntry> entries, Set<Long> waiting) {
            this.id = id;
            this.entries = entries;
            this.waiting = waiting;
        }
    }

    private final Map<String, Map<String, MetadataEntry>> modules = new HashMap<>();
    private final Map<String, Listener> listeners = new HashMap<>();
    private final Map<Long, Broadcast> broadcasts = new HashMap<>();
    private long nextBroadcastId = 1;

    public synchronized void listen(String module, Listener listener) {
        listeners.put(module, listener);
    }

    /**
     * An item set here, and when every member has it.
     *
     * @param entry     the item with its version
     * @param delivered completes once every member of the view the change was made in has applied it (each
     *                  acknowledges after applying), or has left the view; at once when there is no other member.
     *                  Completed by the thread that takes the last acknowledgement (the cluster agent): chain
     *                  nothing slow on it.
     */
    public record Change(MetadataEntry entry, CompletableFuture<Void> delivered) {
    }

    /**
     * Sets an item here and queues it for every member; applied here before this returns. The version is
     * {@code nowMs}, or one more than the item's current version if that is later.
     */
    public Change set(String module, String key, String value, long nowMs, long[] members) {
        MetadataEntry entry;
        CompletableFuture<Void> delivered;
        synchronized (this) {
            MetadataEntry current = modules.getOrDefault(module, Map.of()).get(key);
            long version = current == null ? nowMs : Math.max(nowMs, current.version() + 1);
            entry = new MetadataEntry(module, key, value, version);
            modules.computeIfAbsent(module, m -> new HashMap<>()).put(key, entry);
            Set<Long> waiting = new HashSet<>();
            for (long member : members) {
                waiting.add(member);
            }
            long id = nextBroadcastId++;
            Broadcast broadcast = new Broadcast(id, List.of(entry), waiting);
            delivered = broadcast.delivered;
            if (waiting.isEmpty()) {
                delivered.complete(null);
            } else {
                broadcasts.put(id, broadcast);
            }
        }
        notify(entry);
        return new Change(entry, delivered);
    }

    /** Seeds an item this node kept itself (across a restart) without sending it: exchanges spread it. */
    public void adopt(MetadataEntry entry) {
        merge(List.of(entry));
    }

    /** Keeps the items that are newer than what is here and applies them; returns how many won. */
    public int merge(List<MetadataEntry> entries) {
        List<MetadataEntry> won = new ArrayList<>();
        synchronized (this) {
            for (MetadataEntry entry : entries) {
                Map<String, MetadataEntry> module = modules.computeIfAbsent(entry.module(), m -> new HashMap<>());
                MetadataEntry current = module.get(entry.key());
                if (current == null || entry.version() > current.version()) {
                    module.put(entry.key(), entry);
                    won.add(entry);
                }
            }
        }
        won.forEach(this::notify);
        return won.size();
    }

    private void notify(MetadataEntry entry) {
        Listener listener;
        synchronized (this) {
            listener = listeners.get(entry.module());
        }
        if (listener != null) {
            listener.changed(entry);
        }
    }

    /** Every item, for an exchange. */
    public synchronized List<MetadataEntry> all() {
        List<MetadataEntry> all = new ArrayList<>();
        for (Map<String, MetadataEntry> module : modules.values()) {
            all.addAll(module.values());
        }
        return all;
    }

    public synchronized MetadataEntry get(String module, String key) {
        return modules.getOrDefault(module, Map.of()).get(key);
    }

    /**
     * What is due to be sent now, to whom: changes never sent yet, and those unacknowledged for
     * {@code retransmitMs}. Marks them sent at {@code nowMs}.
     */
    public synchronized List<Pending> due(long nowMs, long retransmitMs) {
        List<Pending> due = new ArrayList<>();
        for (Broadcast broadcast : broadcasts.values()) {
            if (broadcast.lastSentMs == Long.MIN_VALUE || nowMs - broadcast.lastSentMs >= retransmitMs) {
                broadcast.lastSentMs = nowMs;
                due.add(new Pending(broadcast.id, broadcast.entries, Set.copyOf(broadcast.waiting)));
            }
        }
        return due;
    }

    /** One broadcast still owed to some members. */
    public record Pending(long id, List<MetadataEntry> entries, Set<Long> waiting) {
    }

    public void acknowledged(long member, long id) {
        Broadcast done = null;
        synchronized (this) {
            Broadcast broadcast = broadcasts.get(id);
            if (broadcast != null) {
                broadcast.waiting.remove(member);
                if (broadcast.waiting.isEmpty()) {
                    broadcasts.remove(id);
                    done = broadcast;
                }
            }
        }
        if (done != null) {
            done.delivered.complete(null);
        }
    }

    /** Members that left no longer hold broadcasts back; the exchange of the next view carries everything. */
    public void retain(long[] members) {
        Set<Long> current = new HashSet<>();
        for (long member : members) {
            current.add(member);
        }
        List<Broadcast> done = new ArrayList<>();
        synchronized (this) {
            broadcasts.values().removeIf(broadcast -> {
                broadcast.waiting.retainAll(current);
                if (broadcast.waiting.isEmpty()) {
                    done.add(broadcast);
                    return true;
                }
                return false;
            });
        }
        done.forEach(broadcast -> broadcast.delivered.complete(null));
    }
}
