package io.terndb.it.kvcache;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.ChunkStoreConfig;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * A writer process for {@link ChunkStoreOrphanTest}, to be killed with SIGKILL while it stores: objects
 * {@code killed-<n>} of {@link #OBJECT_BYTES} in {@link #SEGMENT_BYTES} segments, {@link #IN_FLIGHT} at a time,
 * printing {@code stored <n>} as each one is committed. Arguments: server port, set name.
 */
public final class KilledWriter {

    static final int OBJECT_BYTES = 2 * 1024 * 1024;
    static final int SEGMENT_BYTES = 64 * 1024;
    static final int SEGMENTS_PER_OBJECT = OBJECT_BYTES / SEGMENT_BYTES;
    static final int IN_FLIGHT = 8;
    /** Random bytes shared by all objects; each object stamps its number into every segment. */
    private static final ByteBuffer BASE = Payloads.random(OBJECT_BYTES, Payloads.SEED).asReadOnlyBuffer();

    private KilledWriter() {
    }

    /**
     * Cheap to make, so the writer spends its time storing (and is likely killed between segments and commit),
     * and distinct in every segment, so a segment of another object would show.
     */
    static ByteBuffer payload(int objectNumber) {
        ByteBuffer payload = ByteBuffer.allocate(OBJECT_BYTES).put(BASE.duplicate()).flip();
        for (int offset = 0; offset < OBJECT_BYTES; offset += SEGMENT_BYTES) {
            payload.putInt(offset, objectNumber);
        }
        return payload;
    }

    public static void main(String[] arguments) throws InterruptedException {
        int port = Integer.parseInt(arguments[0]);
        Duration patient = Duration.ofSeconds(10);
        TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", port).infoTimeout(patient)
                .connectTimeout(patient).build());
        ChunkStore store = ChunkStore.open(client, ChunkStoreConfig.builder().environment(Map.of())
                .hosts("127.0.0.1:" + port).namespace(KvCacheServerExtension.NAMESPACE).setName(arguments[1])
                .maxRecordBytes(KvCacheServerExtension.RECORD_CAP_BYTES).targetSegmentBytes(SEGMENT_BYTES)
                .numWorkers(IN_FLIGHT).readTimeoutMs(patient.toMillis()).writeTimeoutMs(patient.toMillis()).build());
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (int number = 0; ; number++) {
            inFlight.acquire();
            int stored = number;
            store.store(List.of("killed-" + number), List.of(payload(number))).whenComplete((outcomes, failure) -> {
                if (failure == null && outcomes.getFirst() == StoreOutcome.STORED) {
                    System.out.println("stored " + stored);
                }
                inFlight.release();
            });
        }
    }
}
