package io.terndb.storage.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexOwnerTest {

    @TempDir
    Path folder;

    private Path indexDirectory(String name, Path owner) throws Exception {
        Path directory = Files.createDirectories(folder.resolve("terndb").resolve(name));
        Files.write(directory.resolve("stage-0"), new byte[4096]);
        if (owner != null) {
            IndexOwner.write(directory, owner);
        }
        return directory;
    }

    @Test
    void onlyDirectoriesWhoseDeviceIsGoneAreReclaimed() throws Exception {
        Path device = Files.write(folder.resolve("live.dat"), new byte[1]);
        Path live = indexDirectory("test-live", device);
        Path stale = indexDirectory("test-stale", folder.resolve("removed").resolve("test.dat"));
        Path legacy = indexDirectory("test-legacy", null);
        long staleBytes = 4096 + Files.size(stale.resolve(IndexOwner.FILE_NAME));

        IndexOwner.Scan scan = IndexOwner.reclaimStale(folder.resolve("terndb"));

        assertThat(scan.reclaimed()).singleElement().satisfies(reclaimed -> {
            assertThat(reclaimed.directory()).isEqualTo(stale);
            assertThat(reclaimed.device()).isEqualTo(folder.resolve("removed").resolve("test.dat"));
            assertThat(reclaimed.bytes()).isEqualTo(staleBytes);
        });
        assertThat(stale).doesNotExist();
        assertThat(live.resolve("stage-0")).exists();
        assertThat(IndexOwner.read(live)).isEqualTo(device.toAbsolutePath().normalize());
        assertThat(scan.unknown()).containsExactly(legacy);
        assertThat(legacy.resolve("stage-0")).exists();
    }

    @Test
    void aMissingRootIsAnEmptyScan() {
        IndexOwner.Scan scan = IndexOwner.reclaimStale(folder.resolve("absent"));
        assertThat(scan.reclaimed()).isEmpty();
        assertThat(scan.unknown()).isEmpty();
    }
}
