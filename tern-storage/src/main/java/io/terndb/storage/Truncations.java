package io.terndb.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Truncation cut-offs of one namespace: a record whose last-update time is at or before its set's cut-off (or the
 * namespace's) is gone. The cut-offs are kept in a small text file beside the namespace's first device file, so a
 * cold start drops truncated records too; a memory namespace keeps them in memory only.
 *
 * <pre>
 *  terndb-truncations 1
 *  namespace MS              (at most once)
 *  set NAME MS               (once per truncated set)
 * </pre>
 */
public final class Truncations {

    private static final String HEADER = "terndb-truncations 1";

    private final Path file;
    private final SetRegistry sets;
    private volatile long namespaceCutoffMs;
    private final AtomicLongArray setCutoffMs = new AtomicLongArray(SetRegistry.SETS_MAX + 1);

    /** @param file where cut-offs persist, or {@code null} to keep them in memory only */
    public Truncations(Path file, SetRegistry sets) {
        this.file = file;
        this.sets = sets;
    }

    /** Reads the persisted cut-offs, registering the sets they name. */
    public void load() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || !lines.getFirst().equals(HEADER)) {
                throw new IOException(file + ": not a truncation file (first line must be '" + HEADER + "')");
            }
            for (String line : lines.subList(1, lines.size())) {
                apply(line.split(" "));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalStateException(file + ": bad truncation line: " + e.getMessage(), e);
        }
    }

    private void apply(String[] words) {
        switch (words[0]) {
            case "namespace" -> namespaceCutoffMs = Long.parseLong(words[1]);
            case "set" -> {
                byte[] name = words[1].getBytes(StandardCharsets.UTF_8);
                setCutoffMs.set(sets.findOrAdd(name, 0, name.length), Long.parseLong(words[2]));
            }
            default -> throw new IllegalArgumentException("unknown entry '" + words[0] + "'");
        }
    }

    /** The cut-off for records of {@code setId}: the later of the set's and the namespace's; 0 = none. */
    public long cutoffMs(int setId) {
        return Math.max(namespaceCutoffMs, setCutoffMs.get(setId));
    }

    public long namespaceCutoffMs() {
        return namespaceCutoffMs;
    }

    public long setCutoffMs(int setId) {
        return setCutoffMs.get(setId);
    }

    /** Truncates set {@code setId} (or the whole namespace when {@code setId} is -1) up to {@code cutoffMs}. */
    public synchronized void truncate(int setId, long cutoffMs) {
        if (setId < 0) {
            namespaceCutoffMs = Math.max(namespaceCutoffMs, cutoffMs);
        } else {
            setCutoffMs.accumulateAndGet(setId, cutoffMs, Math::max);
        }
        save();
    }

    /** Forgets a truncation, so a later cold start keeps what is still on the devices. */
    public synchronized void undo(int setId) {
        if (setId < 0) {
            namespaceCutoffMs = 0;
        } else {
            setCutoffMs.set(setId, 0);
        }
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        if (namespaceCutoffMs > 0) {
            lines.add("namespace " + namespaceCutoffMs);
        }
        for (int id = 1; id <= sets.count(); id++) {
            if (setCutoffMs.get(id) > 0) {
                lines.add("set " + sets.name(id) + " " + setCutoffMs.get(id));
            }
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            try (var channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": could not save truncations", e);
        }
    }
}
