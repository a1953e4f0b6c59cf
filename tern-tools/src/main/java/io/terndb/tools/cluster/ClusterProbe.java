package io.terndb.tools.cluster;

import io.terndb.tools.info.InfoClient;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the cluster state operators judge stability by, from each node's info port. */
final class ClusterProbe {

    private static final int INFO_TIMEOUT_MS = 1_000;

    private ClusterProbe() {
    }

    /**
     * The cluster key when every node of {@code ports} answers {@code cluster-stable:size=N} with the same key and
     * reports no migration left; null otherwise (or when a node does not answer).
     */
    static String stableKey(List<Integer> ports, int size) {
        String key = null;
        for (int port : ports) {
            Map<String, String> info;
            try {
                info = new InfoClient("127.0.0.1", port, INFO_TIMEOUT_MS).request(
                        List.of("cluster-stable:size=" + size, "statistics"));
            } catch (IOException e) {
                return null;
            }
            String stable = info.get("cluster-stable:size=" + size);
            if (stable == null || stable.startsWith("ERROR") || key != null && !key.equals(stable)) {
                return null;
            }
            if (!"0".equals(keyValues(info.get("statistics")).get("migrate_partitions_remaining"))) {
                return null;
            }
            key = stable;
        }
        return key;
    }

    /** {@code statistics} of one node, or an empty map when it does not answer. */
    static Map<String, String> statistics(int port) {
        try {
            return keyValues(new InfoClient("127.0.0.1", port, INFO_TIMEOUT_MS).request(List.of("statistics"))
                    .get("statistics"));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** {@code namespace/NS} of one node, or an empty map. */
    static Map<String, String> namespace(int port, String namespace) {
        try {
            return keyValues(new InfoClient("127.0.0.1", port, INFO_TIMEOUT_MS).request(
                    List.of("namespace/" + namespace)).get("namespace/" + namespace));
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> values = new HashMap<>();
        if (text != null) {
            for (String pair : text.split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    values.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
        }
        return values;
    }

    /** How long, from the start of a wait, until every node had a view of the size, and until it was stable. */
    record Settling(long viewMs, long stableMs) {
    }

    /**
     * Polls every {@code pollMs} until the nodes are stable at {@code size}: returns when every node first reported
     * a view of that size (all with one cluster key) and when it was stable, in milliseconds from the call; -1 for
     * what did not happen within {@code timeoutMs}.
     */
    static Settling awaitStable(List<Integer> ports, int size, long timeoutMs, long pollMs)
            throws InterruptedException {
        long startNs = System.nanoTime();
        long viewMs = -1;
        while (stableKey(ports, size) == null) {
            long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
            if (viewMs < 0 && sameView(ports, size)) {
                viewMs = elapsedMs;
            }
            if (elapsedMs > timeoutMs) {
                return new Settling(viewMs, -1);
            }
            Thread.sleep(pollMs);
        }
        long stableMs = (System.nanoTime() - startNs) / 1_000_000;
        return new Settling(viewMs < 0 ? stableMs : viewMs, stableMs);
    }

    /** Whether every node reports a view of {@code size} with the same cluster key (migrations may still run). */
    private static boolean sameView(List<Integer> ports, int size) {
        String key = null;
        for (int port : ports) {
            Map<String, String> statistics = statistics(port);
            if (!Integer.toString(size).equals(statistics.get("cluster_size"))
                    || key != null && !key.equals(statistics.get("cluster_key"))) {
                return false;
            }
            key = statistics.get("cluster_key");
        }
        return key != null;
    }
}
