package io.terndb.it.client;

import io.terndb.client.ClientConfig;
import io.terndb.client.Policy;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import io.terndb.testkit.TernServerBuilder;
import io.terndb.testkit.TernServerProcess;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One TernDB server process for a test class and one {@link TernClient} (ours) connected to it, with patient
 * timeouts so a busy two-core machine does not turn into flaky timeouts.
 */
public final class TernClientExtension implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    public static final Duration PATIENT = Duration.ofSeconds(10);

    private final Consumer<TernServerBuilder> configuration;
    private TernServerProcess server;
    private TernClient client;

    public TernClientExtension() {
        this(builder -> { });
    }

    /** A server configured by {@code configuration} on top of the test kit's defaults. */
    public TernClientExtension(Consumer<TernServerBuilder> configuration) {
        this.configuration = configuration;
    }

    static ClientConfig.Builder patientConfig(int port) {
        return ClientConfig.builder().seed("127.0.0.1", port)
                .infoTimeout(PATIENT)
                .connectTimeout(PATIENT)
                .readPolicy(Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).maxRetries(0).build())
                .writePolicy(WritePolicy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).build())
                .batchPolicy(Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).maxRetries(0).build())
                .scanPolicy(ScanPolicy.builder().socketTimeout(PATIENT).maxRetries(0).build());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TernServerBuilder builder = TernServerProcess.builder();
        configuration.accept(builder);
        server = builder.start();
        client = TernClient.connect(patientConfig(server.port()).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            boolean died = !server.isAlive();
            String log = server.logTail();
            server.close();
            if (died) {
                throw new IllegalStateException("server died during the tests; log tail:\n" + log);
            }
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        if (server != null) {
            throwable.addSuppressed(new IllegalStateException("server " + server.describeState() + "; log tail:\n"
                    + server.logTail()));
        }
        throw throwable;
    }

    public TernServerProcess server() {
        return server;
    }

    public TernClient client() {
        return client;
    }
}
