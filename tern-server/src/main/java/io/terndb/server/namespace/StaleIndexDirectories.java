package io.terndb.server.namespace;

import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.storage.device.IndexOwner;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before any namespace opens, reclaims the warm-index directories on this machine that can never be used
 * again: those whose owner device no longer exists (a node killed and its data removed, a test's temporary folder
 * gone). Directories of other nodes whose devices exist are never touched; directories without an owner file (made
 * by an older version) are reported, not removed. See {@link IndexOwner} for the rule.
 */
final class StaleIndexDirectories {
    private static final Logger log = LoggerFactory.getLogger(StaleIndexDirectories.class);

    private StaleIndexDirectories() {
    }

    static void reclaim(List<NamespaceConfig> configs) {
        for (Path root : roots(configs)) {
            IndexOwner.Scan scan = IndexOwner.reclaimStale(root);
            for (IndexOwner.Reclaimed stale : scan.reclaimed()) {
                log.info("reclaimed stale warm index {} ({} KiB): its device {} no longer exists",
                        stale.directory(), stale.bytes() >> 10, stale.device());
            }
            List<Path> unknown = scan.unknown();
            if (!unknown.isEmpty()) {
                log.warn("{} warm index directories under {} name no owner device (made by an older version): "
                        + "kept; remove by hand those no node uses, e.g. {}{}", unknown.size(), root,
                        unknown.subList(0, Math.min(3, unknown.size())), unknown.size() > 3 ? " ..." : "");
            }
        }
    }

    private static Set<Path> roots(List<NamespaceConfig> configs) {
        Set<Path> roots = new LinkedHashSet<>();
        for (NamespaceConfig config : configs) {
            if (config.storage() instanceof StorageConfig.Device device) {
                Path root = StoreFactory.indexRoot(device.indexMount());
                if (root != null) {
                    roots.add(root);
                }
            }
        }
        return roots;
    }
}
