package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.kvcache.StoreResult;
import io.terndb.testkit.TernServerProcess;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With the server gone, calls still answer per key (FAILED) within their timeouts instead of throwing. */
class ChunkStoreServerLossTest {

    private static final int OBJECT_BYTES = 2 * 1024 * 1024;

    @Test
    void aLostServerGivesFailedResultsNotExceptions() {
        try (TernServerProcess server = TernServerProcess.builder().namespace(KvCacheServerExtension.STANZA).start();
                TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port())
                        .infoTimeout(KvCacheServerExtension.PATIENT).build())) {
            ChunkStoreConfig config = ChunkStoreConfig.builder().environment(Map.of())
                    .hosts("127.0.0.1:" + server.port()).namespace(KvCacheServerExtension.NAMESPACE)
                    .readTimeoutMs(300).writeTimeoutMs(300).build();
            ChunkStore store = ChunkStore.open(client, config);
            assertThat(store.store(List.of("kept"), List.of(Payloads.random(OBJECT_BYTES, 9))).join())
                    .containsExactly(StoreOutcome.STORED);

            server.kill();

            LoadResult loaded = store.load(List.of("kept"), List.of(ByteBuffer.allocate(OBJECT_BYTES))).join()
                    .getFirst();
            assertThat(loaded.outcome()).isEqualTo(LoadOutcome.FAILED);
            assertThat(loaded.failure()).as("the cause of the failure").get()
                    .satisfies(cause -> assertThat(cause.resultCode()).isNegative());
            StoreResult stored = store.storeResults(List.of("new"), List.of(Payloads.random(OBJECT_BYTES, 10)))
                    .join().getFirst();
            assertThat(stored.outcome()).isEqualTo(StoreOutcome.FAILED);
            assertThat(stored.failure()).as("the cause of the failure").get()
                    .satisfies(cause -> assertThat(cause.resultCode()).isNegative());
            assertThat(store.delete(List.of("kept")).join()).containsExactly(DeleteOutcome.FAILED);
        }
    }
}
