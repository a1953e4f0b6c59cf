package io.terndb.storage.device;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which device a warm-index directory belongs to, so that directories left by nodes whose data is gone can be told
 * apart and reclaimed. Shared memory outlives processes: a node killed, or whose data directory was removed, leaves
 * its index pages behind for good unless something removes them.
 *
 * <p>The {@value #FILE_NAME} file of an index directory holds one line: the absolute path of the namespace's first
 * device, in UTF-8. The rule: a directory whose owner device no longer exists can never be attached again (a warm
 * start needs that device), so it is stale and may be deleted; a directory without the file (made before owner
 * files existed) is left alone and only reported.
 */
public final class IndexOwner {

    static final String FILE_NAME = "owner";

    /** One stale directory and what removing it gave back. */
    public record Reclaimed(Path directory, Path device, long bytes) {
    }

    /** What a scan of a root of index directories found. */
    public record Scan(List<Reclaimed> reclaimed, List<Path> unknown) {
    }

    private IndexOwner() {
    }

    /** Records {@code device} as the owner of {@code directory} (written at every open; cheap, one line). */
    static void write(Path directory, Path device) throws IOException {
        Path temporary = directory.resolve(FILE_NAME + ".new");
        Files.writeString(temporary, device.toAbsolutePath().normalize() + "\n", StandardCharsets.UTF_8);
        Files.move(temporary, directory.resolve(FILE_NAME), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The owner device of {@code directory}, or {@code null} when it has no owner file. */
    static Path read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        return line.isEmpty() ? null : Path.of(line);
    }

    /**
     * Deletes every directory under {@code root} whose owner device no longer exists, and lists those without an
     * owner file. A missing root is an empty scan.
     */
    public static Scan reclaimStale(Path root) {
        List<Reclaimed> reclaimed = new ArrayList<>();
        List<Path> unknown = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return new Scan(reclaimed, unknown);
        }
        try (Stream<Path> directories = Files.list(root)) {
            for (Path directory : directories.filter(Files::isDirectory).sorted().toList()) {
                Path device = read(directory);
                if (device == null) {
                    unknown.add(directory);
                } else if (!Files.exists(device)) {
                    reclaimed.add(new Reclaimed(directory, device, delete(directory)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scanning " + root, e);
        }
        return new Scan(reclaimed, unknown);
    }

    /** Deletes a directory tree, returning the bytes its files held. */
    private static long delete(Path directory) throws IOException {
        long bytes = 0;
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path)) {
                    bytes += Files.size(path);
                }
                Files.deleteIfExists(path);
            }
        }
        return bytes;
    }
}
