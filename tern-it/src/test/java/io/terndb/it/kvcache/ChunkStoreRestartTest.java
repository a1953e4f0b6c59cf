package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.it.client.TernClientExtension;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.ChunkUsage;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import io.terndb.testkit.FreePorts;
import io.terndb.testkit.TernServerProcess;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capacity usage is counted from the server, so a store opened after a server restart (device storage) has it. */
class ChunkStoreRestartTest {

    private static final int MIB = 1024 * 1024;
    private static final int OBJECT_BYTES = 3 * MIB;

    @TempDir
    Path data;

    private String namespace() {
        return """
                namespace lmcache {
                    replication-factor 1
                    default-ttl 0
                    nsup-period 1
                    index-type pmem {
                        mount %s
                    }
                    storage-engine device {
                        file %s
                        filesize 128M
                        write-block-size 1M
                    }
                }
                """.formatted(data.resolve("index"), data.resolve("lmcache.dat"));
    }

    private ChunkStoreConfig config(int port) {
        return ChunkStoreConfig.builder().environment(Map.of()).hosts("127.0.0.1:" + port)
                .namespace(KvCacheServerExtension.NAMESPACE).setName("restart")
                .readTimeoutMs(TernClientExtension.PATIENT.toMillis())
                .writeTimeoutMs(TernClientExtension.PATIENT.toMillis())
                .maxRecordBytes(MIB).maxCapacityGb(1).build();
    }

    private static TernClient connect(int port) {
        return TernClient.connect(ClientConfig.builder().seed("127.0.0.1", port)
                .infoTimeout(TernClientExtension.PATIENT).connectTimeout(TernClientExtension.PATIENT).build());
    }

    @Test
    void usageIsRecoveredFromTheServerAfterARestart() {
        int port = FreePorts.next();
        List<String> keys = List.of("kept-1", "kept-2", "kept-small");
        List<ByteBuffer> payloads = List.of(Payloads.random(OBJECT_BYTES, 1), Payloads.random(OBJECT_BYTES, 2),
                Payloads.random(1_000, 3));
        ChunkUsage before;
        try (TernServerProcess server = start(port); TernClient client = connect(port);
                ChunkStore store = ChunkStore.open(client, config(port))) {
            assertThat(store.store(keys, payloads).join()).containsOnly(StoreOutcome.STORED);
            before = store.usage();
            server.stop();
        }
        assertThat(before.usedBytes()).isEqualTo(2L * OBJECT_BYTES + 1_000);

        try (TernServerProcess server = start(port); TernClient client = connect(port);
                ChunkStore store = ChunkStore.open(client, config(port))) {
            assertThat(server.logText()).as("records come back from the device")
                    .containsPattern("warm restart|cold start");
            ChunkUsage after = store.usage();
            assertThat(after.usedBytes()).isEqualTo(before.usedBytes());
            assertThat(after.objectCount()).isEqualTo(3);
            ByteBuffer destination = ByteBuffer.allocate(OBJECT_BYTES);
            assertThat(store.load(List.of("kept-2"), List.of(destination)).join().getFirst())
                    .isEqualTo(new LoadResult(LoadOutcome.HIT, OBJECT_BYTES));
            assertThat(destination.array()).isEqualTo(payloads.get(1).array());
        }
    }

    private TernServerProcess start(int port) {
        return TernServerProcess.builder().servicePort(port).namespace(namespace()).start();
    }
}
