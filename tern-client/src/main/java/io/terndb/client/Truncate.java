package io.terndb.client;

import java.time.Instant;

/** The truncate info command (reference §2.2): {@code truncate:namespace=NS;set=SET[;lut=NANOS]}. */
final class Truncate {

    private Truncate() {
    }

    static String command(String namespace, String set, Instant before) {
        if (namespace == null || namespace.isEmpty() || namespace.contains(";") || namespace.contains(":")) {
            throw new IllegalArgumentException("namespace=" + namespace);
        }
        if (set != null && (set.isEmpty() || set.contains(";") || set.contains(":"))) {
            throw new IllegalArgumentException("set=" + set);
        }
        String lut = before == null ? "" : ";lut=" + (before.getEpochSecond() * 1_000_000_000L + before.getNano());
        return set == null ? "truncate-namespace:namespace=" + namespace + lut
                : "truncate:namespace=" + namespace + ";set=" + set + lut;
    }
}
