package io.terndb.it;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.terndb.testkit.ServerConfigText;
import io.terndb.testkit.TernCluster;
import io.terndb.testkit.TernServerBuilder;
import io.terndb.testkit.TernServerProcess;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One TernDB server process for a whole test class, with one official client connected to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TernServerExtension SERVER = new TernServerExtension();
 * }</pre>
 *
 * With {@value #NODES_PROPERTY} = N (N > 1; a system property or JUnit configuration parameter) it starts a
 * cluster of N server processes instead ({@link TernCluster}: loopback, seeded with each other), with the class's
 * namespace stanzas at replication factor 2 where they say 1, waits until the cluster is stable, and seeds the client
 * with node 0 only, so the client must discover the others. Nested classes of a class annotated {@link TernNodes}
 * run on such a cluster too, one shared by all of them. Tests that read per-node state (info answers, object
 * counts) ask {@link #nodeCount()}, {@link #copies()} and {@link #servers()}.
 *
 * A failing test gets the server's log tail attached (every node's); a server that died during the class fails the
 * class.
 */
public final class TernServerExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    /** How many server processes to start; default 1. */
    public static final String NODES_PROPERTY = "tern.it.nodes";

    /** Commands get this long on the server, so a busy two-core machine does not turn into timeouts. */
    private static final int COMMAND_TIMEOUT_MS = 10_000;
    private static final Duration CLUSTER_STABLE_TIMEOUT = Duration.ofSeconds(60);

    private final Consumer<TernServerBuilder> configuration;
    /** Nodes asked for by the constructor; 0: decided per class by {@link TernNodes} or the property. */
    private final int requestedNodes;
    private int nodes;
    private TernServerProcess server;
    private TernCluster cluster;
    /** Whether {@link #cluster} belongs to an enclosing class and outlives this one. */
    private boolean sharedCluster;
    private AerospikeClient client;

    public TernServerExtension() {
        this(builder -> { });
    }

    /** A server configured by {@code configuration} on top of the test kit's defaults. */
    public TernServerExtension(Consumer<TernServerBuilder> configuration) {
        this.configuration = configuration;
        this.requestedNodes = 0;
    }

    /** {@code nodes} servers (a cluster when more than one), whatever the property or annotations say. */
    public TernServerExtension(Consumer<TernServerBuilder> configuration, int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("nodes=" + nodes);
        }
        this.configuration = configuration;
        this.requestedNodes = nodes;
    }

    /**
     * A client policy with generous timeouts for every kind of command and no retries: a retried read or scan
     * would hide a request the server left unanswered.
     */
    public static ClientPolicy patientClientPolicy() {
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = COMMAND_TIMEOUT_MS;
        policy.readPolicyDefault.socketTimeout = COMMAND_TIMEOUT_MS;
        policy.readPolicyDefault.totalTimeout = COMMAND_TIMEOUT_MS;
        policy.writePolicyDefault.socketTimeout = COMMAND_TIMEOUT_MS;
        policy.writePolicyDefault.totalTimeout = COMMAND_TIMEOUT_MS;
        policy.batchPolicyDefault.socketTimeout = COMMAND_TIMEOUT_MS;
        policy.batchPolicyDefault.totalTimeout = COMMAND_TIMEOUT_MS;
        policy.batchParentPolicyWriteDefault.socketTimeout = COMMAND_TIMEOUT_MS;
        policy.batchParentPolicyWriteDefault.totalTimeout = COMMAND_TIMEOUT_MS;
        policy.scanPolicyDefault.socketTimeout = COMMAND_TIMEOUT_MS;
        policy.readPolicyDefault.maxRetries = 0;
        policy.batchPolicyDefault.maxRetries = 0;
        policy.batchParentPolicyWriteDefault.maxRetries = 0;
        policy.scanPolicyDefault.maxRetries = 0;
        policy.infoPolicyDefault.timeout = COMMAND_TIMEOUT_MS;
        return policy;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TernServerBuilder builder = TernServerProcess.builder();
        configuration.accept(builder);
        ExtensionContext owner = annotatedAncestor(context);
        nodes = requestedNodes > 0 ? requestedNodes
                : owner != null ? owner.getRequiredTestClass().getAnnotation(TernNodes.class).value()
                : context.getConfigurationParameter(NODES_PROPERTY).map(Integer::parseInt).orElse(1);
        if (nodes < 1) {
            throw new IllegalArgumentException(NODES_PROPERTY + "=" + nodes);
        }
        if (nodes == 1) {
            server = builder.start();
        } else if (owner != null && requestedNodes == 0) {
            ServerConfigText config = builder.config();
            String key = "cluster of " + nodes + ": " + config.namespaces() + config.extraStanzas();
            cluster = owner.getStore(Namespace.create(TernServerExtension.class))
                    .getOrComputeIfAbsent(key, ignored -> new SharedCluster(startCluster(config, nodes)),
                            SharedCluster.class).cluster;
            sharedCluster = true;
            server = cluster.node(0);
        } else {
            cluster = startCluster(builder.config(), nodes);
            sharedCluster = false;
            server = cluster.node(0);
        }
        client = new AerospikeClient(patientClientPolicy(), "127.0.0.1", server.port());
        if (client.getNodes().length != nodes) {
            throw new IllegalStateException("the client found " + client.getNodes().length + " of " + nodes
                    + " nodes");
        }
    }

    /** The context of the outermost enclosing class annotated {@link TernNodes}, or null. */
    private static ExtensionContext annotatedAncestor(ExtensionContext context) {
        ExtensionContext found = null;
        for (ExtensionContext each = context; each != null; each = each.getParent().orElse(null)) {
            if (each.getTestClass().map(type -> type.isAnnotationPresent(TernNodes.class)).orElse(false)) {
                found = each;
            }
        }
        return found;
    }

    /** A cluster kept in an enclosing class's store: closed when that class is done. */
    private record SharedCluster(TernCluster cluster) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            cluster.close();
        }
    }

    /**
     * {@code nodes} processes with the class's namespaces and extra stanzas; namespaces at replication factor 1
     * (the test kit's default) get 2. Waits until every node reports one stable view of all of them.
     */
    private static TernCluster startCluster(ServerConfigText config, int nodes) {
        String namespaces = String.join("\n", config.namespaces().stream()
                .map(stanza -> stanza.replaceAll("replication-factor\\s+1\\b", "replication-factor 2")).toList());
        TernCluster.Builder builder = TernCluster.builder().nodes(nodes).namespace(index -> namespaces);
        config.extraStanzas().forEach(builder::extraStanza);
        TernCluster started = builder.start();
        try {
            started.awaitStable(nodes, CLUSTER_STABLE_TIMEOUT);
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            client = null;
        }
        if (server == null) {
            return;
        }
        List<String> died = new ArrayList<>();
        for (TernServerProcess each : servers()) {
            if (!each.isAlive()) {
                died.add("server on port " + each.port() + " " + each.describeState()
                        + " while the tests ran; log tail:\n" + each.logTail());
            }
        }
        if (cluster == null) {
            server.close();
        } else if (!sharedCluster) {
            cluster.close();
        }
        server = null;
        cluster = null;
        if (!died.isEmpty()) {
            throw new IllegalStateException(String.join("\n", died));
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (server != null) {
            for (TernServerProcess each : servers()) {
                throwable.addSuppressed(new ServerLog("server on port " + each.port() + " " + each.describeState()
                        + "; log tail:\n" + each.logTail()));
            }
        }
        throw throwable;
    }

    /** The server the client was seeded with (node 0 of a cluster). */
    public TernServerProcess server() {
        return server;
    }

    /** Every server process: one, or each node of the cluster. */
    public List<TernServerProcess> servers() {
        if (cluster == null) {
            return server == null ? List.of() : List.of(server);
        }
        List<TernServerProcess> all = new ArrayList<>();
        for (int index = 0; index < cluster.size(); index++) {
            all.add(cluster.node(index));
        }
        return all;
    }

    /** How many server processes run: 1, or the cluster's size. */
    public int nodeCount() {
        return nodes;
    }

    /** The replication factor the namespace {@code test} effectively has: 1 on one node, 2 on a cluster. */
    public int copies() {
        return nodes == 1 ? 1 : 2;
    }

    public int port() {
        return server.port();
    }

    /** The client shared by the class (do not close it). */
    public AerospikeClient client() {
        return client;
    }

    /** The client's node for {@link #server()} (the one node of a one-node cluster). */
    public Node node() {
        for (Node each : client.getNodes()) {
            InetSocketAddress address = each.getAddress();
            if (address.getPort() == server.port()) {
                return each;
            }
        }
        throw new IllegalStateException("the client has no node on port " + server.port());
    }

    /** The service port of the node that masters {@code key}'s partition, as the client's map says. */
    public int masterPort(com.aerospike.client.Key key) {
        com.aerospike.client.cluster.Cluster map = client.getCluster();
        return com.aerospike.client.cluster.Partition.write(map, client.getWritePolicyDefault(), key)
                .getNodeWrite(map).getAddress().getPort();
    }

    /** The client's nodes: one per server process. */
    public Node[] nodes() {
        return client.getNodes();
    }

    /** Carries the server log into a test report; it has no stack trace of its own. */
    private static final class ServerLog extends RuntimeException {
        ServerLog(String message) {
            super(message, null, false, false);
        }
    }
}
