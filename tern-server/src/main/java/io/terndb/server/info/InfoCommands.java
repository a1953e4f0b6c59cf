package io.terndb.server.info;

import io.terndb.protocol.PartitionId;
import io.terndb.protocol.VoidTime;
import io.terndb.server.Version;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import io.terndb.server.namespace.TruncationMetadata;
import io.terndb.storage.NamespaceStore;
import io.terndb.storage.SetRegistry;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntSupplier;

/**
 * The info commands of a single node, answered in the original's formats: what the official client sends while it
 * seeds and tends a cluster (node, features, peers, replicas, partition-generation, service addresses) and what
 * tools read (namespaces, namespace/NAME, sets, bins, statistics, build, version, edition, status).
 */
public final class InfoCommands {

    /** How long a truncate waits for the other members to apply its cut-off (the original's SMD set timeout). */
    static final long METADATA_SET_TIMEOUT_MS = 2_000;

    /** The original's 8.1 feature list; {@code pscans} is required by the client, {@code batch-any} picks batch v2. */
    static final String FEATURES = "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;float;"
            + "geo;sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;"
            + "replicas-master;replicas-max;truncate-namespace;udf";
    /** A single node owns every partition: 4096 set bits, base64 of 512 0xFF bytes. */
    static final String ALL_PARTITIONS = Base64.getEncoder().encodeToString(allOnes(PartitionId.COUNT / 8));
    static final String NO_PARTITIONS = Base64.getEncoder().encodeToString(new byte[PartitionId.COUNT / 8]);
    private final String nodeName;
    private final String clusterName;
    private final List<String> serviceAddresses;
    private final int servicePort;
    private final Namespaces namespaces;
    private final InstantSource clock;
    private final long startedMs;
    private final IntSupplier openConnections;
    private final ClusterInfo cluster;
    private final io.terndb.cluster.ClusterNode clusterNode;
    private final UserAgents userAgents = new UserAgents();

    public InfoCommands(long nodeId, String clusterName, List<String> serviceAddresses, int servicePort,
            Namespaces namespaces, InstantSource clock, IntSupplier openConnections,
            io.terndb.server.cluster.ClusterService cluster) {
        this.nodeName = Long.toHexString(nodeId).toUpperCase(java.util.Locale.ROOT);
        this.clusterName = clusterName;
        this.serviceAddresses = List.copyOf(serviceAddresses);
        this.servicePort = servicePort;
        this.namespaces = namespaces;
        this.clock = clock;
        this.startedMs = clock.millis();
        this.openConnections = openConnections;
        this.cluster = new ClusterInfo(cluster, namespaces, clock);
        this.clusterNode = cluster.node();
    }

    /**
     * @param handlers     commands answered at once
     * @param waiting      commands whose answer comes later (they wait for other nodes), without blocking a thread
     * @param ofConnection commands answered at once that read or change the state of their connection
     */
    void register(Map<String, Function<InfoCommand, String>> handlers,
            Map<String, Function<InfoCommand, CompletionStage<String>>> waiting,
            Map<String, BiFunction<InfoCommand, UserAgents.Connection, String>> ofConnection) {
        handlers.put("node", c -> nodeName);
        handlers.put("status", c -> "ok");
        ofConnection.put("features", (c, connection) -> {
            userAgents.askedForFeatures(connection);
            return FEATURES;
        });
        ofConnection.put("user-agent-set", userAgents::set);
        handlers.put("user-agents", c -> userAgents.describe());
        for (String service : List.of("service-clear-std", "service-clear-alt", "service-tls-std", "service-tls-alt")) {
            handlers.put(service, c -> service.contains("tls") ? "" : String.join(",", serviceAddresses));
        }
        handlers.put("service", c -> String.join(";", serviceAddresses));
        handlers.put("services-alumni", c -> "");
        handlers.put("services-alternate", c -> "");
        handlers.put("cluster-name", c -> clusterName.isEmpty() ? "null" : clusterName);
        handlers.put("rack-ids", c -> perNamespace(ns -> ns.name() + ":" + ns.config().distribution().rackId()));
        handlers.put("partitions", c -> Integer.toString(PartitionId.COUNT));
        handlers.put("build", c -> Version.COMPATIBLE_BUILD);
        handlers.put("version", c -> Version.EDITION + " build " + Version.COMPATIBLE_BUILD);
        handlers.put("edition", c -> Version.EDITION);
        handlers.put("release", c -> "edition=" + Version.EDITION + ";version=" + Version.COMPATIBLE_BUILD
                + ";os=" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
                + ";arch=" + System.getProperty("os.arch") + ";sha=terndb-" + Version.TERNDB);
        handlers.put("namespaces", c -> perNamespaceJoined(Namespace::name, ";"));
        handlers.put("namespace", this::namespace);
        handlers.put("sets", this::sets);
        handlers.put("bins", this::bins);
        handlers.put("statistics", c -> statistics());
        handlers.put("query-show", c -> c.parameters().isEmpty() ? "" : "ERROR:2:job not found");
        handlers.put("scan-show", c -> c.parameters().isEmpty() ? "" : "ERROR:2:job not found");
        handlers.put("sindex", c -> "");
        handlers.put("sindex-list", c -> "");
        handlers.put("udf-list", c -> "");
        handlers.put("get-config", c -> getConfig(c));
        waiting.put("truncate", c -> truncate(c, true, false));
        waiting.put("truncate-namespace", c -> truncate(c, false, false));
        waiting.put("truncate-undo", c -> truncate(c, true, true));
        waiting.put("truncate-namespace-undo", c -> truncate(c, false, true));
        cluster.register(handlers); // the cluster's answers replace the one-node ones above
    }

    UserAgents userAgents() {
        return userAgents;
    }

    String summary() {
        return "node\t" + nodeName + "\nbuild\t" + Version.COMPATIBLE_BUILD + "\nedition\t" + Version.EDITION
                + "\nversion\t" + Version.EDITION + " build " + Version.COMPATIBLE_BUILD + "\nstatistics\t"
                + statistics() + "\n";
    }


    private String namespace(InfoCommand command) {
        Namespace namespace = command.argument(0) == null ? null : namespaces.find(command.argument(0));
        if (namespace == null) {
            return "type=unknown";
        }
        NamespaceStore store = namespace.store();
        NamespaceConfig config = namespace.config();
        long objects = store.objects();
        long dataBytes = store.dataBytes();
        long dataSize = store.dataTotalBytes();
        StringJoiner out = new StringJoiner(";");
        out.add("objects=" + objects).add("tombstones=" + store.tombstones());
        ClusterInfo.namespaceStatistics(namespace, out);
        out.add("stop_writes=" + namespace.stopWritesReached())
                .add("hwm_breached=" + namespace.evictionThresholdPassed())
                .add("current_time=" + VoidTime.nowSeconds(clock.millis()))
                .add("expired_objects=" + namespace.expiredObjects.sum())
                .add("evicted_objects=" + namespace.evictedObjects.sum())
                .add("truncate_lut=" + store.truncations().namespaceCutoffMs())
                .add("truncated_objects=" + namespace.truncatedObjects.sum())
                .add("index_used_bytes=" + store.indexBytes())
                .add("data_used_bytes=" + dataBytes).add("data_total_bytes=" + dataSize)
                .add("data_used_pct=" + (dataSize == 0 ? 0 : dataBytes * 100 / dataSize))
                .add("client_read_success=" + namespace.readSuccess.sum())
                .add("client_read_not_found=" + namespace.readNotFound.sum())
                .add("client_read_error=" + namespace.readError.sum())
                .add("client_write_success=" + namespace.writeSuccess.sum())
                .add("client_write_error=" + namespace.writeError.sum())
                .add("client_delete_success=" + namespace.deleteSuccess.sum())
                .add("client_delete_not_found=" + namespace.deleteNotFound.sum())
                .add("fail_record_too_big=" + namespace.recordTooBig.sum())
                .add("scan_basic_complete=" + namespace.scansCompleted.sum());
        store.statistics((key, value) -> out.add(key + "=" + value));
        addConfig(out, namespace);
        return out.toString();
    }

    private static void addConfig(StringJoiner out, Namespace namespace) {
        NamespaceConfig config = namespace.config();
        out.add("replication-factor=" + config.replicationFactor())
                .add("default-ttl=" + config.defaultTtlSeconds())
                .add("nsup-period=" + config.nsupPeriodSeconds())
                .add("allow-ttl-without-nsup=" + config.allowTtlWithoutNsup())
                .add("max-record-size=" + config.maxRecordBytes())
                .add("strong-consistency=false")
                .add("conflict-resolution-policy=" + config.distribution().conflictResolution().configName())
                .add("default-read-touch-ttl-pct=0").add("index-type=shmem").add("sindex-type=shmem");
        if (config.storage() instanceof StorageConfig.Memory memory) {
            out.add("storage-engine=memory").add("storage-engine.data-size=" + memory.dataSizeBytes())
                    .add("storage-engine.stop-writes-used-pct=" + memory.stopWritesUsedPct())
                    .add("storage-engine.evict-used-pct=" + memory.evictUsedPct());
        }
    }

    private String getConfig(InfoCommand command) {
        String context = command.parameters().getOrDefault("context", "");
        if (!context.equals("namespace")) {
            return "ERROR:4:get-config supports context=namespace";
        }
        Namespace namespace = namespaces.find(command.parameters().getOrDefault("id", ""));
        if (namespace == null) {
            return "ERROR:4:namespace not found";
        }
        StringJoiner out = new StringJoiner(";");
        addConfig(out, namespace);
        return out.toString();
    }

    /**
     * {@code truncate:namespace=NS;set=SET[;lut=NANOS]} and {@code truncate-namespace:namespace=NS[;lut=NANOS]}:
     * records last updated at or before the cut-off (default: now) are gone at once and purged in the background;
     * the cut-off persists with the namespace's devices. The {@code -undo} forms forget the cut-off.
     */
    private CompletionStage<String> truncate(InfoCommand command, boolean bySet, boolean undo) {
        Namespace namespace = namespaces.find(command.parameters().getOrDefault("namespace", ""));
        if (namespace == null) {
            return CompletableFuture.completedFuture("ERROR:4:namespace not found");
        }
        String set = null;
        if (bySet) {
            set = command.parameters().getOrDefault("set", "");
            if (set.isEmpty() || set.length() > io.terndb.protocol.FieldType.SET_BYTES_MAX) {
                return CompletableFuture.completedFuture("ERROR:4:set must be 1 to 63 bytes");
            }
        }
        long nowMs = clock.millis();
        String key = TruncationMetadata.key(namespace.name(), set);
        if (undo) {
            return awaitMembers(clusterNode.setMetadata(TruncationMetadata.MODULE, key, TruncationMetadata.UNDO,
                    nowMs));
        }
        long cutoffMs = nowMs;
        String lut = command.parameters().get("lut");
        if (lut != null) {
            try {
                cutoffMs = Long.parseLong(lut) / 1_000_000;
            } catch (NumberFormatException e) {
                return CompletableFuture.completedFuture("ERROR:4:lut must be nanoseconds since the Unix epoch");
            }
            if (cutoffMs > nowMs) {
                return CompletableFuture.completedFuture("ERROR:4:lut is in the future");
            }
        }
        // Applied here at once, and on every other node through the cluster's system metadata.
        return awaitMembers(clusterNode.setMetadata(TruncationMetadata.MODULE, key, Long.toString(cutoffMs), nowMs));
    }

    /**
     * "ok" once every other member applied a metadata change, as the original's blocking set answers only after
     * each node accepted the item: a client that reads right after a truncate, on any node, no longer sees the
     * truncated records. "ERROR::timeout" after {@link #METADATA_SET_TIMEOUT_MS} (the original's default set
     * timeout), when a member does not answer; the change still reaches it (it is resent, and every exchange
     * carries it). Nothing waits: the connection's answer goes out when this completes.
     */
    private static CompletionStage<String> awaitMembers(CompletableFuture<Void> delivered) {
        return delivered.orTimeout(METADATA_SET_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((done, error) -> error == null ? "ok"
                        : error instanceof java.util.concurrent.TimeoutException ? "ERROR::timeout"
                        : "ERROR::" + error);
    }

    private String sets(InfoCommand command) {
        String namespaceFilter = command.argument(0);
        String setFilter = command.argument(1);
        if (namespaceFilter != null && namespaces.find(namespaceFilter) == null) {
            return "ns_type=unknown";
        }
        StringBuilder out = new StringBuilder();
        for (Namespace namespace : namespaces.all()) {
            if (namespaceFilter != null && !namespace.name().equals(namespaceFilter)) {
                continue;
            }
            SetRegistry sets = namespace.store().sets();
            for (int id = 1; id <= sets.count(); id++) {
                String set = sets.name(id);
                if (setFilter != null && !set.equals(setFilter)) {
                    continue;
                }
                String properties = "objects=" + sets.objects(id) + ":tombstones=0:data_used_bytes="
                        + sets.dataBytes(id) + ":truncate_lut=" + namespace.store().truncations().setCutoffMs(id)
                        + ":sindexes=0:index_populating=false:truncating=false"
                        + ":default-read-touch-ttl-pct=0:default-ttl=" + namespace.defaultTtlSeconds(id)
                        + ":disable-eviction=false:enable-index=false:stop-writes-count=0:stop-writes-size=0";
                if (setFilter != null) {
                    return properties;
                }
                out.append("ns=").append(namespace.name()).append(":set=").append(set).append(':')
                        .append(properties).append(';');
            }
        }
        return out.toString();
    }

    private String bins(InfoCommand command) {
        String namespaceFilter = command.argument(0);
        StringJoiner out = new StringJoiner(";", "", namespaces.all().isEmpty() ? "" : ";");
        for (Namespace namespace : namespaces.all()) {
            if (namespaceFilter != null && !namespace.name().equals(namespaceFilter)) {
                continue;
            }
            List<String> names = BinNames.collect(namespace.store());
            StringJoiner entry = new StringJoiner(",", namespace.name() + ":", "");
            entry.add("bin_names=" + names.size()).add("bin_names_quota=" + BinNames.QUOTA);
            names.forEach(entry::add);
            out.add(entry.toString());
        }
        return out.toString();
    }

    private String statistics() {
        long objects = 0;
        for (Namespace namespace : namespaces.all()) {
            objects += namespace.store().objects();
        }
        Runtime runtime = Runtime.getRuntime();
        StringJoiner out = new StringJoiner(";").add("failed_best_practices=false");
        cluster.statistics(out);
        return out.add("cluster_min_compatibility_id=0")
                .add("cluster_max_compatibility_id=0")
                .add("cluster_clock_skew_ms=0").add("uptime=" + (clock.millis() - startedMs) / 1000)
                .add("objects=" + objects).add("client_connections=" + openConnections.getAsInt())
                .add("heap_used_bytes=" + (runtime.totalMemory() - runtime.freeMemory()))
                .add("heap_total_bytes=" + runtime.totalMemory())
                .toString();
    }

    private String perNamespace(Function<Namespace, String> format) {
        return perNamespaceJoined(format, ";");
    }

    private String perNamespaceJoined(Function<Namespace, String> format, String separator) {
        StringJoiner out = new StringJoiner(separator);
        namespaces.all().forEach(namespace -> out.add(format.apply(namespace)));
        return out.toString();
    }

    private static byte[] allOnes(int bytes) {
        byte[] ones = new byte[bytes];
        java.util.Arrays.fill(ones, (byte) 0xFF);
        return ones;
    }
}
