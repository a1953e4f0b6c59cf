package io.terndb.it.kvcache;

import io.terndb.client.TernClient;
import io.terndb.it.client.TernClientExtension;
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
    static final Duration PATIENT = TernClientExtension.PATIENT;

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

    private final TernClientExtension server = new TernClientExtension(builder -> builder
            .namespace(STANZA).namespace(LARGE_RECORD_STANZA));

    @Override
    public void beforeAll(ExtensionContext context) {
        server.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.afterAll(context);
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        server.handleTestExecutionException(context, throwable);
    }

    TernServerProcess server() {
        return server.server();
    }

    TernClient client() {
        return server.client();
    }

    /** A configuration for the given set with patient timeouts and no environment fallbacks. */
    ChunkStoreConfig.Builder config(String setName) {
        return ChunkStoreConfig.builder().environment(Map.of())
                .hosts("127.0.0.1:" + server.server().port())
                .namespace(NAMESPACE)
                .setName(setName)
                .readTimeoutMs(PATIENT.toMillis())
                .writeTimeoutMs(PATIENT.toMillis());
    }

    ChunkStore open(ChunkStoreConfig config) {
        return ChunkStore.open(server.client(), config);
    }
}
