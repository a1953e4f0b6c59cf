package io.terndb.client.internal.cluster;

import io.terndb.protocol.PartitionId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A parsed {@code replicas} reply (reference §2.3): per namespace
 * {@code <ns>:<regime>,<replica-count>,<bitmap-0>,...,<bitmap-(n-1)>}, namespaces joined by {@code ;}. Bitmap i
 * is base64 of 512 bytes; partition p is bit {@code 0x80 >> (p & 7)} of byte {@code p >> 3}.
 */
public record Replicas(List<Namespace> namespaces) {

    public static final int BITMAP_BYTES = PartitionId.COUNT / 8;

    /** One namespace's ownership claims by this node: {@code bitmaps.get(i)} = partitions where it is replica i. */
    public record Namespace(String name, long regime, int replicaCount, List<byte[]> bitmaps) {

        public boolean owns(int replica, int partitionId) {
            byte[] bitmap = bitmaps.get(replica);
            return (bitmap[partitionId >> 3] & (0x80 >> (partitionId & 7))) != 0;
        }
    }

    public static Replicas parse(String text) {
        List<Namespace> namespaces = new ArrayList<>();
        if (text.isEmpty()) {
            return new Replicas(List.of());
        }
        for (String entry : text.split(";")) {
            if (!entry.isEmpty()) {
                namespaces.add(namespace(entry));
            }
        }
        return new Replicas(List.copyOf(namespaces));
    }

    private static Namespace namespace(String entry) {
        int colon = entry.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("replicas entry without namespace: " + entry);
        }
        String[] parts = entry.substring(colon + 1).split(",");
        if (parts.length < 3) {
            throw new IllegalArgumentException("replicas entry too short: " + entry);
        }
        long regime = Long.parseLong(parts[0]);
        int replicaCount = Integer.parseInt(parts[1]);
        if (replicaCount < 1 || parts.length != 2 + replicaCount) {
            throw new IllegalArgumentException("replicas entry has " + (parts.length - 2) + " bitmaps for "
                    + replicaCount + " replicas: " + entry.substring(0, colon));
        }
        List<byte[]> bitmaps = new ArrayList<>(replicaCount);
        for (int i = 0; i < replicaCount; i++) {
            byte[] bitmap = Base64.getDecoder().decode(parts[2 + i]);
            if (bitmap.length != BITMAP_BYTES) {
                throw new IllegalArgumentException("replicas bitmap of " + bitmap.length + " bytes (must be "
                        + BITMAP_BYTES + ")");
            }
            bitmaps.add(bitmap);
        }
        return new Namespace(entry.substring(0, colon), regime, replicaCount, List.copyOf(bitmaps));
    }
}
