package io.terndb.server.cluster;

import io.netty.util.concurrent.EventExecutor;
import io.terndb.cluster.ClusterNamespace;
import io.terndb.cluster.ClusterNode;
import io.terndb.cluster.ClusterSettings;
import io.terndb.cluster.ClusterView;
import io.terndb.cluster.NodeIds;
import io.terndb.cluster.membership.HeartbeatTracker;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.transport.ControlTransport;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.server.config.NetworkConfig;
import io.terndb.server.config.ServerConfig;
import io.terndb.server.namespace.Namespace;
import io.terndb.server.namespace.Namespaces;
import io.terndb.server.txn.TransactionService;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's distribution layer inside the server: the {@link ClusterNode}, its transports, the agent thread
 * that runs the control plane (heartbeats, views, exchange, rebalance) every {@link #TICK_MS}, the migrate threads,
 * and the proxy table. Start-up order: transports, node, namespaces bound, agent, migrate threads; a node with no
 * seeds forms its own cluster before {@link #start} returns, so it serves at once.
 */
public final class ClusterService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterService.class);

    /** How often the agent runs the control plane's timers. */
    public static final long TICK_MS = 10;

    /** What arrives for the agent from transport threads. */
    private sealed interface Event {
        record Message(ControlMessage message) implements Event {
        }

        record Unreachable(String endpoint) implements Event {
        }
    }

    private final ClusterNode node;
    private final InstantSource clock;
    private final Inbox inbox;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Proxies proxies;
    private final Duplicates duplicates;
    private final TransactionService transactions;
    private volatile boolean running = true;
    private volatile Map<Long, NodeEndpoints> memberEndpoints = Map.of();
    private volatile boolean integrity;
    /** The mesh and fabric, when the node has a heartbeat stanza. */
    private Networked networked;
    private long publishedViewKey;

    private ClusterService(ClusterNode node, InstantSource clock, Proxies proxies, Duplicates duplicates,
            TransactionService transactions, Inbox inbox) {
        this.inbox = inbox;
        this.node = node;
        this.clock = clock;
        this.proxies = proxies;
        this.duplicates = duplicates;
        this.transactions = transactions;
    }

    public static ClusterService start(ServerConfig config, long nodeId, Namespaces namespaces, InstantSource clock,
            TransactionService transactions) {
        NetworkConfig.Heartbeat heartbeat = config.network().heartbeat();
        ClusterSettings settings = heartbeat == null ? new ClusterSettings(nodeId, config.service().clusterName(),
                ClusterSettings.HEARTBEAT_INTERVAL_MS_DEFAULT, ClusterSettings.HEARTBEAT_TIMEOUT_INTERVALS_DEFAULT)
                : new ClusterSettings(nodeId, config.service().clusterName(), heartbeat.intervalMs(),
                        heartbeat.timeoutIntervals());
        return start(settings, endpoints(config.network()), heartbeat == null ? null : config.network(),
                config.service().migrateThreads(), namespaces, clock, transactions);
    }

    /** A node that talks to nobody (no heartbeat stanza, or a test): its own one-node cluster, ready at once. */
    public static ClusterService standalone(long nodeId, Namespaces namespaces, InstantSource clock,
            TransactionService transactions) {
        return start(ClusterSettings.defaults(nodeId), new NodeEndpoints("", "", List.of()), null, 1, namespaces,
                clock, transactions);
    }

    /** @param network the network stanza when the node has a heartbeat stanza (then it listens), else null */
    private static ClusterService start(ClusterSettings settings, NodeEndpoints endpoints, NetworkConfig network,
            int migrateThreads, Namespaces namespaces, InstantSource clock, TransactionService transactions) {
        long seed = new java.security.SecureRandom().nextLong();
        log.info("cluster: node {}, heartbeat every {} ms, timeout {} intervals, random seed {}",
                NodeIds.format(settings.nodeId()), settings.heartbeatIntervalMs(),
                settings.heartbeatTimeoutIntervals(), seed);
        Inbox inbox = new Inbox();
        List<AutoCloseable> opened = new ArrayList<>();
        ControlTransport control;
        DataTransport transports;
        Networked networked = null;
        if (network == null) {
            control = ControlTransport.NONE;
            transports = new StandaloneFabric();
        } else {
            networked = Networked.start(settings, network, inbox, opened);
            control = networked.mesh();
            transports = networked.fabric();
        }
        List<ClusterNamespace> clustered = new ArrayList<>();
        for (Namespace namespace : namespaces.all()) {
            var distribution = namespace.config().distribution();
            clustered.add(new ClusterNamespace(namespace.name(), namespace.config().replicationFactor(),
                    distribution.rackId(), distribution.preferUniformBalance(), distribution.conflictResolution(),
                    new StorePartitionData(namespace, clock)));
        }
        Proxies[] proxyTable = new Proxies[1];
        Duplicates duplicates = new Duplicates(transports, namespaces, clock);
        ClusterNode node = new ClusterNode(settings, endpoints, control, transports,
                (from, type, body) -> {
                    switch (type) {
                        case io.terndb.cluster.fabric.FabricLayout.DUPLICATE_REQUEST -> duplicates.answer(from, body);
                        case io.terndb.cluster.fabric.FabricLayout.DUPLICATE_REPLY -> duplicates.replied(body);
                        default -> proxyTable[0].received(from, type, body);
                    }
                }, clustered, migrateThreads, new SplittableRandom(seed), clock::millis, clock.millis());
        // Proxied requests run as transactions, on loops of their own (FastThreadLocalThreads, for WorkerState).
        io.netty.channel.DefaultEventLoopGroup proxyLoops = new io.netty.channel.DefaultEventLoopGroup(
                Math.max(1, Runtime.getRuntime().availableProcessors()),
                new io.netty.util.concurrent.DefaultThreadFactory("proxy", true));
        List<EventExecutor> loops = new ArrayList<>();
        proxyLoops.forEach(loops::add);
        proxyTable[0] = new Proxies(transports, clock, transactions, loops.toArray(new EventExecutor[0]));
        inbox.node = node;
        ClusterService service = new ClusterService(node, clock, proxyTable[0], duplicates, transactions, inbox);
        service.networked = networked;
        service.closeables.addAll(opened);
        service.closeables.add(() -> proxyLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly());
        for (Namespace namespace : namespaces.all()) {
            namespace.bind(node.namespace(namespace.name()), node.replicaWrites());
        }
        node.adoptRestartedData();
        transactions.proxy(proxyTable[0]);
        transactions.duplicates(duplicates);
        if (network == null || network.heartbeat().seeds().isEmpty()) {
            node.formAlone(clock.millis());
        }
        service.startThreads(migrateThreads); // 0: migrations paused, as the original's migrate-threads 0
        return service;
    }

    /** Where peers reach this node, from the configuration (a bind address of "any" advertises loopback). */
    private static NodeEndpoints endpoints(NetworkConfig network) {
        NetworkConfig.Service serviceConfig = network.service();
        List<String> service = new ArrayList<>();
        int accessPort = serviceConfig.accessPort() != 0 ? serviceConfig.accessPort() : serviceConfig.port();
        List<String> hosts = !serviceConfig.accessAddresses().isEmpty() ? serviceConfig.accessAddresses()
                : serviceConfig.addresses().stream().filter(a -> !a.equals("any") && !a.equals("0.0.0.0")).toList();
        for (String host : hosts) {
            service.add(hostPort(host, accessPort));
        }
        String host = hosts.isEmpty() ? "127.0.0.1" : hosts.getFirst();
        NetworkConfig.Heartbeat heartbeat = network.heartbeat();
        String heartbeatEndpoint = heartbeat == null ? "" : hostPort(firstSpecific(heartbeat.addresses(), host),
                heartbeat.port());
        int fabricPort = network.fabric().port() != 0 ? network.fabric().port() : NetworkConfig.FABRIC_PORT_DEFAULT;
        String fabricEndpoint = hostPort(firstSpecific(network.fabric().addresses(), host), fabricPort);
        return new NodeEndpoints(heartbeatEndpoint, fabricEndpoint, service);
    }

    private static String firstSpecific(List<String> addresses, String fallback) {
        for (String address : addresses) {
            if (!address.equals("any") && !address.equals("0.0.0.0")) {
                return address;
            }
        }
        return fallback;
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private void startThreads(int migrateThreads) {
        Thread agent = Thread.ofPlatform().name("cluster-agent").daemon().unstarted(this::runAgent);
        threads.add(agent);
        for (int i = 0; i < migrateThreads; i++) {
            threads.add(Thread.ofPlatform().name("migrate-" + i).daemon().unstarted(this::runMigrations));
        }
        threads.forEach(Thread::start);
    }

    private void runAgent() {
        long nextTickMs = 0;
        while (running) {
            try {
                long nowMs = clock.millis();
                Event event = inbox.events.poll(Math.max(0, nextTickMs - nowMs), TimeUnit.MILLISECONDS);
                nowMs = clock.millis();
                if (event != null) {
                    handle(event, nowMs);
                }
                if (nowMs >= nextTickMs) {
                    node.tick(nowMs);
                    proxies.expire();
                    duplicates.expire();
                    publish();
                    nextTickMs = nowMs + TICK_MS;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("cluster agent: unexpected failure (continuing)", e);
            }
        }
    }

    private void handle(Event event, long nowMs) {
        switch (event) {
            case Event.Message message -> {
                if (message.message() instanceof ControlMessage.Heartbeat heartbeat) {
                    inbox.fabricEndpoints.put(heartbeat.from(), heartbeat.endpoints().fabric());
                }
                node.receive(message.message(), nowMs);
            }
            case Event.Unreachable unreachable -> node.unreachable(unreachable.endpoint(), nowMs);
        }
    }

    /** Publishes what other threads read of the agent's state: the members' endpoints, batch placement. */
    private void publish() {
        ClusterView view = node.view();
        integrity = view != null && !node.exchanging()
                && java.util.Arrays.stream(node.membership().tracker().aliveIds()).allMatch(view::contains);
        if (view == null || view.clusterKey() == publishedViewKey) {
            return;
        }
        publishedViewKey = view.clusterKey();
        Map<Long, NodeEndpoints> endpoints = new HashMap<>();
        HeartbeatTracker tracker = node.membership().tracker();
        for (long member : view.succession()) {
            HeartbeatTracker.Peer peer = tracker.peer(member);
            if (member != node.self() && peer != null && peer.last() != null) {
                endpoints.put(member, peer.last().endpoints());
            }
        }
        memberEndpoints = Map.copyOf(endpoints);
        transactions.batchesOnWorkers(view.size() > 1);
    }

    private void runMigrations() {
        while (running) {
            try {
                node.migrations().runWorker();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("migration failed (the next view retries it)", e);
            }
        }
    }

    /** The transports' counters for {@code statistics}, in the original's spirit (fabric and heartbeat traffic). */
    public void statistics(java.util.function.BiConsumer<String, Long> out) {
        if (networked == null) {
            return;
        }
        var fabric = networked.fabric();
        out.accept("fabric_frames_sent", fabric.framesSent());
        out.accept("fabric_bytes_sent", fabric.bytesSent());
        out.accept("fabric_frames_received", fabric.framesReceived());
        out.accept("fabric_bytes_received", fabric.bytesReceived());
        out.accept("fabric_frames_dropped", fabric.framesDropped());
        out.accept("fabric_refused_backpressure", fabric.refusedBackpressure());
        out.accept("fabric_connections_opened", fabric.connectionsOpened());
        var mesh = networked.mesh();
        out.accept("heartbeat_messages_sent", mesh.messagesSent());
        out.accept("heartbeat_messages_received", mesh.messagesReceived());
        out.accept("heartbeat_messages_dropped", mesh.messagesDropped());
        out.accept("heartbeat_connections_refused", mesh.connectionsRefused());
    }

    public ClusterNode node() {
        return node;
    }

    public Proxies proxies() {
        return proxies;
    }

    /**
     * Whether this node's view holds every node it hears and is rebalanced (the original's cluster integrity): false
     * while a node is held back for flapping, or the cluster is splitting or merging.
     */
    public boolean integrity() {
        return integrity;
    }

    /** The other members of the current view and where they are reached, as of the last rebalance. */
    public Map<Long, NodeEndpoints> memberEndpoints() {
        return memberEndpoints;
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        node.replicaWrites().close();
        for (AutoCloseable closeable : closeables.reversed()) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("error while closing {}", closeable, e);
            }
        }
    }

    /** What the transports hand to the agent and the node, from their threads. */
    private static final class Inbox implements io.terndb.cluster.net.MeshTransport.Listener,
            io.terndb.cluster.net.FabricTransport.FrameHandler {
        final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        final Map<Long, String> fabricEndpoints = new java.util.concurrent.ConcurrentHashMap<>();
        volatile ClusterNode node;

        @Override
        public void received(ControlMessage message) {
            events.add(new Event.Message(message));
        }

        @Override
        public void unreachable(String endpoint) {
            events.add(new Event.Unreachable(endpoint));
        }

        @Override
        public void received(long from, io.netty.buffer.ByteBuf body) {
            ClusterNode target = node;
            if (target != null) {
                target.receiveFabric(from, body);
            }
        }

        String fabricEndpoint(long nodeId) {
            return fabricEndpoints.get(nodeId);
        }
    }

    /** The heartbeat mesh and the fabric, on one small group of event loops of their own. */
    private record Networked(io.terndb.cluster.net.MeshTransport mesh, io.terndb.cluster.net.FabricTransport fabric) {

        /** Bytes queued for one peer beyond which the fabric refuses more (backpressure). */
        static final long QUEUED_BYTES_MAX_PER_PEER = 64L << 20;
        static final int EVENT_LOOPS = 2;

        static Networked start(ClusterSettings settings, NetworkConfig network, Inbox inbox,
                List<AutoCloseable> opened) {
            io.netty.channel.EventLoopGroup group = io.terndb.cluster.net.NetChannels.newEventLoopGroup(EVENT_LOOPS,
                    "cluster-net");
            opened.add(() -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly());
            NetworkConfig.Heartbeat heartbeat = network.heartbeat();
            int fabricPort = network.fabric().port() != 0 ? network.fabric().port()
                    : NetworkConfig.FABRIC_PORT_DEFAULT;
            try {
                var mesh = io.terndb.cluster.net.MeshTransport.start(bindAddresses(heartbeat.addresses(),
                        heartbeat.port()), heartbeat.seeds(), inbox, group);
                opened.add(mesh);
                var fabric = io.terndb.cluster.net.FabricTransport.start(settings.nodeId(), settings.clusterName(),
                        bindAddresses(network.fabric().addresses(), fabricPort), inbox::fabricEndpoint, inbox, group,
                        QUEUED_BYTES_MAX_PER_PEER);
                opened.add(fabric);
                log.info("cluster: heartbeat on {}, fabric on {}, seeds {}", mesh.boundAddresses(),
                        fabric.boundAddresses(), heartbeat.seeds());
                return new Networked(mesh, fabric);
            } catch (java.io.IOException e) {
                for (AutoCloseable closeable : opened.reversed()) {
                    try {
                        closeable.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw new java.io.UncheckedIOException("cannot listen for the cluster: " + e.getMessage(), e);
            }
        }

        private static List<java.net.InetSocketAddress> bindAddresses(List<String> addresses, int port) {
            List<java.net.InetSocketAddress> bind = new ArrayList<>();
            for (String address : addresses.isEmpty() ? List.of("any") : addresses) {
                boolean any = address.equals("any") || address.equals("0.0.0.0");
                bind.add(any ? new java.net.InetSocketAddress(port) : new java.net.InetSocketAddress(address, port));
            }
            return bind;
        }
    }

    /** A node without a heartbeat stanza talks to nobody: its one-node cluster sends no frame. */
    private static final class StandaloneFabric implements DataTransport {
        @Override
        public io.netty.buffer.ByteBuf allocate(int bytesHint) {
            return io.netty.buffer.PooledByteBufAllocator.DEFAULT.directBuffer(bytesHint);
        }

        @Override
        public boolean send(long node, io.netty.buffer.ByteBuf frame) {
            frame.release();
            return false;
        }
    }
}
