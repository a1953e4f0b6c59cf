package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Key;
import io.terndb.client.Record;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.LoadResult;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every record of an object carries default_ttl_seconds, so the whole object expires. */
class ChunkStoreTtlTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final String SET = "ttl";
    private static final int OBJECT_BYTES = 2 * 1024 * 1024;

    @Test
    void objectsExpireWithTheirTtl() throws InterruptedException {
        ChunkStore store = SERVER.open(SERVER.config(SET).defaultTtlSeconds(2).build());
        store.store(List.of("short-lived"), List.of(Payloads.random(OBJECT_BYTES, 6))).join();
        Record meta = SERVER.client().getHeader(new Key(KvCacheServerExtension.NAMESPACE, SET, "short-lived|m"));

        assertThat(meta.ttlSeconds(System.currentTimeMillis())).isBetween(1, 2);
        assertThat(store.lookup(List.of("short-lived")).join()).containsExactly(true);

        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (store.lookup(List.of("short-lived")).join().getFirst() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }

        assertThat(store.lookup(List.of("short-lived")).join()).containsExactly(false);
        assertThat(store.load(List.of("short-lived"), List.of(ByteBuffer.allocate(OBJECT_BYTES))).join())
                .containsExactly(LoadResult.MISS);
        long remaining = RecordCounts.inSet(SERVER.client(), SET);
        for (int attempt = 0; attempt < 50 && remaining > 0; attempt++) {
            Thread.sleep(200);
            remaining = RecordCounts.inSet(SERVER.client(), SET);
        }
        assertThat(remaining).as("segments expire with the meta record").isZero();
    }
}
