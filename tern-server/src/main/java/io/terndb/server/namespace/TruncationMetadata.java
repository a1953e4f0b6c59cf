package io.terndb.server.namespace;

import io.terndb.cluster.message.MetadataEntry;
import io.terndb.cluster.metadata.SystemMetadata;
import io.terndb.storage.SetRegistry;
import io.terndb.storage.Truncations;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Truncation cut-offs as system metadata, so a truncate on any node truncates the whole cluster, including nodes that
 * join later. An item's key is the namespace, or {@code namespace/set}; its value the cut-off in milliseconds, or
 * {@link #UNDO}. Cut-offs each node kept across a restart are adopted at start with their cut-off as version.
 */
public final class TruncationMetadata implements SystemMetadata.Listener {

    private static final Logger log = LoggerFactory.getLogger(TruncationMetadata.class);

    public static final String MODULE = "truncate";
    public static final String UNDO = "undo";

    private final Namespaces namespaces;
    private final Consumer<Namespace> purge;

    public TruncationMetadata(Namespaces namespaces, Consumer<Namespace> purge) {
        this.namespaces = namespaces;
        this.purge = purge;
    }

    /** The item key of a namespace-wide ({@code set} null) or set truncation. */
    public static String key(String namespace, String set) {
        return set == null ? namespace : namespace + "/" + set;
    }

    /** Offers every cut-off this node kept to the store (and subscribes to the module). */
    public void register(SystemMetadata metadata) {
        metadata.listen(MODULE, this);
        for (Namespace namespace : namespaces.all()) {
            Truncations truncations = namespace.store().truncations();
            if (truncations.namespaceCutoffMs() > 0) {
                long cutoff = truncations.namespaceCutoffMs();
                metadata.adopt(new MetadataEntry(MODULE, key(namespace.name(), null), Long.toString(cutoff), cutoff));
            }
            SetRegistry sets = namespace.store().sets();
            for (int id = 1; id <= sets.count(); id++) {
                long cutoff = truncations.setCutoffMs(id);
                if (cutoff > 0) {
                    metadata.adopt(new MetadataEntry(MODULE, key(namespace.name(), sets.name(id)),
                            Long.toString(cutoff), cutoff));
                }
            }
        }
    }

    @Override
    public void changed(MetadataEntry entry) {
        String key = entry.key();
        int slash = key.indexOf('/');
        Namespace namespace = namespaces.find(slash < 0 ? key : key.substring(0, slash));
        if (namespace == null) {
            return; // a namespace this node does not serve
        }
        int setId = -1;
        if (slash >= 0) {
            byte[] name = key.substring(slash + 1).getBytes(StandardCharsets.UTF_8);
            setId = namespace.store().sets().findOrAdd(name, 0, name.length);
            if (setId < 0) {
                log.warn("truncation of {} ignored: no set id left", key);
                return;
            }
        }
        if (entry.value().equals(UNDO)) {
            namespace.store().truncations().undo(setId);
            return;
        }
        try {
            namespace.store().truncations().truncate(setId, Long.parseLong(entry.value()));
        } catch (NumberFormatException e) {
            log.warn("truncation of {} ignored: cut-off {} is not a number", key, entry.value());
            return;
        }
        purge.accept(namespace);
    }
}
