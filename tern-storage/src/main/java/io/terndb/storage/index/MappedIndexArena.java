package io.terndb.storage.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * An index arena whose stages are memory-mapped files in a directory (on tmpfs by default), so that the index
 * outlives the process: a restart after a clean shutdown maps the same files again instead of rebuilding the index
 * from the devices. Whether the files may be trusted is decided elsewhere (a clean-shutdown marker).
 */
public final class MappedIndexArena extends IndexArena {

    private static final String STAGE_PREFIX = "stage-";

    private final Path directory;
    private final Arena mappings = Arena.ofShared();

    public MappedIndexArena(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("index directory " + directory, e);
        }
    }

    /** Deletes every stage file: the next stages start empty (a cold start rebuilds the index). */
    public void discardStages() {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().startsWith(STAGE_PREFIX)) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("clearing index directory " + directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    protected long newStage(int stage) {
        Path file = directory.resolve(STAGE_PREFIX + stage);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (channel.size() < STAGE_BYTES) {
                channel.write(java.nio.ByteBuffer.wrap(new byte[1]), STAGE_BYTES - 1);
            }
            return channel.map(FileChannel.MapMode.READ_WRITE, 0, STAGE_BYTES, mappings).address();
        } catch (IOException e) {
            throw new UncheckedIOException("mapping index stage " + file, e);
        }
    }

    @Override
    protected void releaseStage(int stage, long address) {
        // Unmapped all at once when the arena closes; the file stays for the next start.
    }

    @Override
    public synchronized void close() {
        super.close();
        mappings.close();
    }
}
