package io.terndb.it.kvcache;

import io.terndb.client.ClientConfig;
import io.terndb.client.Policy;
import io.terndb.client.ScanPolicy;
import io.terndb.client.TernClient;
import io.terndb.client.WritePolicy;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.testkit.TernServerProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One server process with LMCache-style namespaces (1 MiB and 8 MiB record caps, supervisor every second so TTLs
 * expire) and one client for a test class. Timeouts are patient so a busy two-core machine does not fail tests.
 */
public final class KvCacheServerExtension implements BeforeAllCallback, AfterAllCallback,
        TestExecutionExceptionHandler {

    static final String NAMESPACE = "lmcache";
    /** A second namespace at the largest record cap the server allows. */
    static final String LARGE_RECORD_NAMESPACE = "lmcache8";
    static final long RECORD_CAP_BYTES = 1024 * 1024;
    static final Duration PATIENT = Duration.ofSeconds(10);

    static final String STANZA = """
            namespace lmcache {
                replication-factor 1
                default-ttl 0
                nsup-period 1
                max-record-size 1M
                storage-engine memory {
                    data-size 512M
                }
            }
            """;
    static final String LARGE_RECORD_STANZA = """
            namespace lmcache8 {
                replication-factor 1
                default-ttl 0
                nsup-period 1
                max-record-size 8M
                storage-engine memory {
                    data-size 512M
                }
            }
            """;

    private TernServerProcess server;
    private TernClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = TernServerProcess.builder().namespace(STANZA).namespace(LARGE_RECORD_STANZA).start();
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port())
                .infoTimeout(PATIENT)
                .connectTimeout(PATIENT)
                .readPolicy(Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).build())
                .writePolicy(WritePolicy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).build())
                .batchPolicy(Policy.builder().socketTimeout(PATIENT).totalTimeout(PATIENT).build())
                .scanPolicy(ScanPolicy.builder().socketTimeout(PATIENT).build())
                .build());
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

    TernClient client() {
        return client;
    }

    /** A configuration for the given set with patient timeouts and no environment fallbacks. */
    ChunkStoreConfig.Builder config(String setName) {
        return ChunkStoreConfig.builder().environment(Map.of())
                .hosts("127.0.0.1:" + server.port())
                .namespace(NAMESPACE)
                .setName(setName)
                .readTimeoutMs(PATIENT.toMillis())
                .writeTimeoutMs(PATIENT.toMillis());
    }

    ChunkStore open(ChunkStoreConfig config) {
        return ChunkStore.open(client, config);
    }
}
