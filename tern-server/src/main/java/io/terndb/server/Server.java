package io.terndb.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.terndb.server.cluster.ClusterService;
import io.terndb.server.config.NetworkConfig;
import io.terndb.server.config.ServerConfig;
import io.terndb.server.info.InfoCommands;
import io.terndb.server.info.InfoService;
import io.terndb.server.namespace.Namespaces;
import io.terndb.server.namespace.Supervisor;
import io.terndb.server.namespace.TruncationMetadata;
import io.terndb.server.net.ServiceListener;
import io.terndb.server.txn.TransactionService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node. {@link #start} brings the subsystems up in dependency order, one step per line; if a step
 * fails, what was opened is closed in reverse order. {@link #close} does the same on shutdown.
 */
public final class Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Server.class);

    /**
     * Threads that run transactions of device namespaces: each may wait for a read or for its write to be durable,
     * and a write's wait is shared with every write that the same flush carries, so enough of them must be waiting
     * at once to fill a group commit.
     */
    static final int TRANSACTION_WORKERS = 64;

    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final ServerConfig config;

    private Server(ServerConfig config) {
        this.config = config;
    }

    public static Server start(ServerConfig config) throws Exception {
        Server server = new Server(config);
        try {
            server.startSubsystems();
            return server;
        } catch (Exception | Error e) {
            server.close();
            throw e;
        }
    }

    private void startSubsystems() throws Exception {
        long startedNs = System.nanoTime();
        InstantSource clock = InstantSource.system();
        NetworkConfig network = config.network();
        int fabricPort = network.fabric() != null && network.fabric().port() != 0 ? network.fabric().port()
                : NetworkConfig.FABRIC_PORT_DEFAULT;
        long nodeId = config.service().nodeId() != 0 ? config.service().nodeId() : NodeId.derive(fabricPort);
        log.info("TernDB {} starting: node {}, compatible with Aerospike {}", Version.TERNDB,
                Long.toHexString(nodeId).toUpperCase(java.util.Locale.ROOT), Version.COMPATIBLE_BUILD);

        Namespaces namespaces = open(new Namespaces(config.namespaces(), clock));
        Supervisor supervisor = open(new Supervisor(namespaces, clock));
        ExecutorService scans = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("scan-", 0).factory());
        open(() -> shutdown(scans));
        ExecutorService workers = Executors.newFixedThreadPool(TRANSACTION_WORKERS,
                new DefaultThreadFactory("txn", true));
        open(() -> shutdown(workers));
        TransactionService transactions = new TransactionService(namespaces, clock, scans, workers);
        ClusterService cluster = open(ClusterService.start(config, nodeId, namespaces, clock, transactions));
        new TruncationMetadata(namespaces, supervisor::purgeSoon).register(cluster.node().metadata());
        ServiceListener[] listener = new ServiceListener[1];
        InfoCommands commands = new InfoCommands(nodeId, config.service().clusterName(), accessAddresses(network),
                network.service().port(), namespaces, clock,
                () -> listener[0] == null ? 0 : listener[0].openConnections(), cluster);
        InfoService info = new InfoService(commands);
        int threads = config.service().serviceThreads() > 0 ? config.service().serviceThreads()
                : Runtime.getRuntime().availableProcessors();
        listener[0] = open(ServiceListener.start(bindAddresses(network.service()), threads,
                config.service().protoFdMax(), info, transactions));
        writePidFile();
        log.info("TernDB ready: {} namespace(s), service port {}, started in {} ms", namespaces.all().size(),
                network.service().port(), (System.nanoTime() - startedNs) / 1_000_000);
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static List<InetSocketAddress> bindAddresses(NetworkConfig.Service service) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        List<String> configured = service.addresses().isEmpty() ? List.of("any") : service.addresses();
        for (String address : configured) {
            boolean any = address.equals("any") || address.equals("0.0.0.0");
            addresses.add(any ? new InetSocketAddress(service.port()) : new InetSocketAddress(address, service.port()));
        }
        return addresses;
    }

    /** What clients are told to connect to: {@code access-address} lines, else the specific bind addresses. */
    private static List<String> accessAddresses(NetworkConfig network) {
        NetworkConfig.Service service = network.service();
        int port = service.accessPort() != 0 ? service.accessPort() : service.port();
        List<String> hosts = !service.accessAddresses().isEmpty() ? service.accessAddresses()
                : service.addresses().stream().filter(a -> !a.equals("any") && !a.equals("0.0.0.0")).toList();
        return hosts.stream().map(host -> (host.contains(":") ? "[" + host + "]" : host) + ":" + port).toList();
    }

    private void writePidFile() throws IOException {
        if (config.service().pidFile() != null) {
            Files.writeString(config.service().pidFile(), ProcessHandle.current().pid() + "\n",
                    StandardCharsets.US_ASCII);
            open(() -> Files.deleteIfExists(config.service().pidFile()));
        }
    }

    @Override
    public synchronized void close() {
        if (opened.isEmpty()) {
            return;
        }
        long startedNs = System.nanoTime();
        log.info("shutting down");
        int errors = 0;
        while (!opened.isEmpty()) {
            AutoCloseable resource = opened.pop();
            try {
                resource.close();
            } catch (Exception e) {
                errors++;
                log.warn("error while closing {}", resource, e);
            }
        }
        long elapsedMs = (System.nanoTime() - startedNs) / 1_000_000;
        if (errors == 0) {
            log.info("clean shutdown in {} ms", elapsedMs);
        } else {
            log.warn("shutdown in {} ms with {} error(s) (see above)", elapsedMs, errors);
        }
    }
}
