package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.ClientConfig;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.LoadResult;
import io.terndb.kvcache.StoreOutcome;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With load_deadline_ms, a server that answers late gives misses (TIMED_OUT) at the deadline instead of a stall
 * as long as the read timeouts, and the late answers never reach the caller's buffers.
 */
class ChunkStoreDeadlineTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final int OBJECT_BYTES = 2 * 1024 * 1024;
    private static final long DEADLINE_MS = 300;
    private static final byte UNTOUCHED = 0x5A;

    @Test
    void loadsPastTheDeadlineAreTimedOutMissesAndLateRepliesDoNotWriteTheBuffers() throws Exception {
        try (StallingProxy proxy = new StallingProxy(SERVER.server().port());
                TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", proxy.port())
                        .infoTimeout(KvCacheServerExtension.PATIENT).build())) {
            // One worker: a load can only start once the previous one's I/O has finished.
            ChunkStore store = ChunkStore.open(client, SERVER.config("deadline").numWorkers(1)
                    .loadDeadlineMs(DEADLINE_MS).build());
            List<String> keys = List.of("late-1", "late-2");
            assertThat(store.store(keys, List.of(Payloads.random(OBJECT_BYTES, 1), Payloads.random(100, 2))).join())
                    .containsOnly(StoreOutcome.STORED);
            List<ByteBuffer> destinations = List.of(Payloads.filled(OBJECT_BYTES, UNTOUCHED),
                    Payloads.filled(100, UNTOUCHED));

            proxy.stall();
            long startNs = System.nanoTime();
            List<LoadResult> results = store.load(keys, destinations).join();
            Duration waited = Duration.ofNanos(System.nanoTime() - startNs);
            proxy.release();

            assertThat(results).containsExactly(LoadResult.TIMED_OUT, LoadResult.TIMED_OUT);
            assertThat(waited).as("answered at the deadline, not the %s read timeout", KvCacheServerExtension.PATIENT)
                    .isBetween(Duration.ofMillis(DEADLINE_MS), Duration.ofMillis(DEADLINE_MS + 2_000));
            assertThat(loadOnceMore(store)).as("the server answers again, so the stalled loads have finished")
                    .isTrue();
            for (ByteBuffer destination : destinations) {
                assertThat(Payloads.remaining(destination.clear())).as("not written after the deadline")
                        .containsOnly(UNTOUCHED);
            }
        }
    }

    /**
     * One worker runs loads in order, so a hit here comes after the stalled loads' late replies. A busy machine may
     * take longer than the deadline for it, hence a few tries.
     */
    private static boolean loadOnceMore(ChunkStore store) {
        for (int attempt = 0; attempt < 20; attempt++) {
            ByteBuffer destination = ByteBuffer.allocate(OBJECT_BYTES);
            if (store.load(List.of("late-1"), List.of(destination)).join().getFirst().isHit()) {
                return true;
            }
        }
        return false;
    }
}
