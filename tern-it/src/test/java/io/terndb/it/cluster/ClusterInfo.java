package io.terndb.it.cluster;

import io.terndb.testkit.TernCluster;
import io.terndb.testkit.TernServerProcess;
import java.util.Base64;
import java.util.Map;

/** Reading a node's cluster state from its info answers, for cluster tests. */
final class ClusterInfo {

    private ClusterInfo() {
    }

    static Map<String, String> statistics(TernServerProcess node) {
        return TernCluster.keyValues(node.info("statistics").get("statistics"), ';');
    }

    static Map<String, String> namespace(TernServerProcess node, String namespace) {
        return TernCluster.keyValues(node.info("namespace/" + namespace).get("namespace/" + namespace), ';');
    }

    static long objects(TernServerProcess node, String namespace) {
        return Long.parseLong(namespace(node, namespace).get("objects"));
    }

    /**
     * The partitions a node claims in column {@code column} of its {@code replicas} answer for {@code namespace}
     * (0 = master).
     */
    static boolean[] claims(TernServerProcess node, String namespace, int column) {
        String replicas = node.info("replicas").get("replicas");
        for (String entry : replicas.split(";")) {
            if (!entry.startsWith(namespace + ":")) {
                continue;
            }
            String[] parts = entry.substring(namespace.length() + 1).split(",");
            byte[] bitmap = Base64.getDecoder().decode(parts[2 + column]);
            boolean[] claims = new boolean[4096];
            for (int pid = 0; pid < claims.length; pid++) {
                claims[pid] = (bitmap[pid >> 3] & (0x80 >> (pid & 7))) != 0;
            }
            return claims;
        }
        throw new AssertionError("no replicas entry for " + namespace + " in " + replicas);
    }
}
