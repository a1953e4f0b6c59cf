package io.terndb.it;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.ClientPolicy;
import io.terndb.testkit.TernServerBuilder;
import io.terndb.testkit.TernServerProcess;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One TernDB server process for a whole test class, with one official client connected to it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final TernServerExtension SERVER = new TernServerExtension();
 * }</pre>
 *
 * A failing test gets the server's log tail attached; a server that died during the class fails the class.
 */
public final class TernServerExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    /** Commands get this long on the server, so a busy two-core machine does not turn into timeouts. */
    private static final int COMMAND_TIMEOUT_MS = 10_000;

    private final Consumer<TernServerBuilder> configuration;
    private TernServerProcess server;
    private AerospikeClient client;

    public TernServerExtension() {
        this(builder -> { });
    }

    /** A server configured by {@code configuration} on top of the test kit's defaults. */
    public TernServerExtension(Consumer<TernServerBuilder> configuration) {
        this.configuration = configuration;
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
        server = builder.start();
        client = new AerospikeClient(patientClientPolicy(), "127.0.0.1", server.port());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server == null) {
            return;
        }
        boolean died = !server.isAlive();
        String failure = died ? "server " + server.describeState() + " while the tests ran; log tail:\n"
                + server.logTail() : null;
        server.close();
        if (died) {
            throw new IllegalStateException(failure);
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (server != null) {
            throwable.addSuppressed(new ServerLog("server " + server.describeState() + "; log tail:\n"
                    + server.logTail()));
        }
        throw throwable;
    }

    public TernServerProcess server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** The client shared by the class (do not close it). */
    public AerospikeClient client() {
        return client;
    }

    /** The one node of the cluster. */
    public Node node() {
        return client.getNodes()[0];
    }

    /** Carries the server log into a test report; it has no stack trace of its own. */
    private static final class ServerLog extends RuntimeException {
        ServerLog(String message) {
            super(message, null, false, false);
        }
    }
}
