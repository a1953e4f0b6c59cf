package io.terndb.it;

import io.terndb.storage.device.IndexOwner;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Removes, when the test session ends, the warm-index directories in shared memory that the session's server
 * processes left behind: by then every test's data folder is deleted, so each of them names a device that no longer
 * exists, which is the server's own rule for a stale directory ({@link IndexOwner}). Directories of nodes whose
 * devices still exist (anything running outside the tests) are not touched.
 */
public final class StaleIndexCleanup implements LauncherSessionListener {

    static final Path SHARED_INDEX_ROOT = Path.of("/dev/shm/terndb");

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        IndexOwner.Scan scan = IndexOwner.reclaimStale(SHARED_INDEX_ROOT);
        if (!scan.reclaimed().isEmpty()) {
            long bytes = scan.reclaimed().stream().mapToLong(IndexOwner.Reclaimed::bytes).sum();
            System.out.printf("StaleIndexCleanup: removed %d warm index directories (%d KiB) left by the tests%n",
                    scan.reclaimed().size(), bytes >> 10);
        }
    }
}
