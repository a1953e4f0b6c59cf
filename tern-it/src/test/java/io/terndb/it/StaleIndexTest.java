package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.testkit.TernServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared memory outlives processes: a node whose data folder was removed leaves its warm index behind. The next
 * node to start on the machine reclaims it (its device is gone, so it can never be attached), says so in its log,
 * and leaves the index of a node whose device still exists alone.
 */
class StaleIndexTest {

    @TempDir
    Path folder;

    private static String namespace(String name, Path device) {
        return """
                namespace %s {
                    replication-factor 1
                    storage-engine device {
                        file %s
                        filesize 128M
                    }
                }
                """.formatted(name, device);
    }

    private static List<Path> indexDirectories(String namespace) throws Exception {
        try (Stream<Path> directories = Files.list(StaleIndexCleanup.SHARED_INDEX_ROOT)) {
            return directories.filter(path -> path.getFileName().toString().startsWith(namespace + "-")).toList();
        }
    }

    @Test
    void theNextStartReclaimsTheIndexOfARemovedDataFolder() throws Exception {
        Path removed = folder.resolve("removed");
        Path kept = folder.resolve("kept");
        try (TernServerProcess server = TernServerProcess.builder().namespace(namespace("stalegone",
                removed.resolve("a.dat"))).namespace(namespace("stalekept", kept.resolve("b.dat"))).start()) {
            server.stop();
        }
        List<Path> gone = indexDirectories("stalegone");
        assertThat(gone).hasSize(1);
        assertThat(indexDirectories("stalekept")).hasSize(1);
        try (Stream<Path> files = Files.walk(removed)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        try (TernServerProcess next = TernServerProcess.builder().namespace(namespace("stalekept",
                kept.resolve("b.dat"))).start()) {
            assertThat(next.logText()).contains("reclaimed stale warm index " + gone.getFirst())
                    .contains("warm restart");
            assertThat(gone.getFirst()).doesNotExist();
            assertThat(indexDirectories("stalekept")).hasSize(1);
        }
    }
}
