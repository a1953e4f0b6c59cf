package io.terndb.server.config;

import java.nio.file.Path;

/**
 * The {@code service { ... }} stanza.
 *
 * @param clusterName    {@code cluster-name}; empty when not set (clients that set one are then refused)
 * @param protoFdMax     {@code proto-fd-max}: the most client connections served at once
 * @param workDirectory  {@code work-directory}; {@code null} when not set
 * @param pidFile        {@code pidfile}: written at start, removed at clean shutdown; {@code null} when not set
 * @param nodeId         {@code node-id} (hex in the file); 0 when not set, then derived at start
 * @param serviceThreads {@code service-threads}: Netty event loops; 0 = one per core
 * @param migrateThreads {@code migrate-threads}: threads that send this node's partitions, each up to 16 at
 *                       once (0 = migrations paused)
 */
public record ServiceConfig(
        String clusterName,
        int protoFdMax,
        Path workDirectory,
        Path pidFile,
        long nodeId,
        int serviceThreads,
        int migrateThreads) {

    public static final int PROTO_FD_MAX_DEFAULT = 15_000;
    public static final int MIGRATE_THREADS_DEFAULT = 1;

    public ServiceConfig(String clusterName, int protoFdMax, Path workDirectory, Path pidFile, long nodeId,
            int serviceThreads) {
        this(clusterName, protoFdMax, workDirectory, pidFile, nodeId, serviceThreads, MIGRATE_THREADS_DEFAULT);
    }
}
