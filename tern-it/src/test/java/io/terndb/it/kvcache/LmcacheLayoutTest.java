package io.terndb.it.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.Key;
import io.terndb.client.TernClient;
import io.terndb.kvcache.ChunkStore;
import io.terndb.kvcache.DeleteOutcome;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Objects written record for record as LMCache's adapter writes them (older layout: segments {@code K|s|i}, no
 * write id, no checksums) read back, and delete removes them.
 */
class LmcacheLayoutTest {

    @RegisterExtension
    static final KvCacheServerExtension SERVER = new KvCacheServerExtension();

    private static final String SET = "lmcache_written";

    @Test
    void readsASegmentedObjectOfTheOlderLayout() {
        byte[] payload = Payloads.remaining(Payloads.random(2_500_000, 3));
        writeOlderLayout("older-segmented", payload, 1_000_000);
        ChunkStore store = SERVER.open(SERVER.config(SET).build());
        ByteBuffer destination = ByteBuffer.allocateDirect(payload.length);

        LoadResult result = store.load(List.of("older-segmented"), List.of(destination)).join().getFirst();

        assertThat(result).isEqualTo(new LoadResult(LoadOutcome.HIT, payload.length));
        assertThat(Payloads.remaining(destination.flip())).isEqualTo(payload);
        assertThat(store.lookup(List.of("older-segmented")).join()).containsExactly(true);
    }

    @Test
    void readsTheWriteIdVariantWithoutChecksums() {
        byte[] payload = Payloads.remaining(Payloads.random(2_500_000, 11));
        writeWriteIdLayout("lmcache-wid", payload, "0123456789abcdef");
        ChunkStore store = SERVER.open(SERVER.config(SET).build());
        ByteBuffer destination = ByteBuffer.allocate(payload.length);

        assertThat(store.load(List.of("lmcache-wid"), List.of(destination)).join().getFirst().isHit()).isTrue();
        assertThat(destination.array()).isEqualTo(payload);
    }

    @Test
    void readsAnInlineObjectOfTheOlderLayout() {
        byte[] payload = Payloads.remaining(Payloads.random(4_000, 4));
        writeOlderLayout("older-inline", payload, payload.length);
        ChunkStore store = SERVER.open(SERVER.config(SET).build());
        ByteBuffer destination = ByteBuffer.allocate(payload.length);

        assertThat(store.load(List.of("older-inline"), List.of(destination)).join().getFirst().isHit()).isTrue();
        assertThat(destination.array()).isEqualTo(payload);
    }

    @Test
    void deletesAnObjectOfTheOlderLayoutWithItsSegments() {
        writeOlderLayout("older-doomed", Payloads.remaining(Payloads.random(2_100_000, 5)), 1_000_000);
        ChunkStore store = SERVER.open(SERVER.config(SET).build());

        assertThat(store.delete(List.of("older-doomed")).join()).containsExactly(DeleteOutcome.DELETED);

        for (int index = 0; index < 3; index++) {
            assertThat(SERVER.client().exists(key("older-doomed|s|" + index))).isFalse();
        }
    }

    /** What LMCache's adapter does: segments first, one after another, then the meta record as commit point. */
    private static void writeOlderLayout(String objectKey, byte[] payload, int targetBytes) {
        TernClient client = SERVER.client();
        int count = Math.max(1, (payload.length + targetBytes - 1) / targetBytes);
        int segmentBytes = (payload.length + count - 1) / count;
        if (count > 1) {
            for (int index = 0; index < count; index++) {
                int from = index * segmentBytes;
                byte[] segment = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + segmentBytes));
                client.put(key(objectKey + "|s|" + index), new Bin("b", segment));
            }
        }
        Bin[] meta = {new Bin("ver", 1), new Bin("state", "ready"), new Bin("nseg", count),
                new Bin("seg_b", segmentBytes), new Bin("tot_b", payload.length), new Bin("created_at", 1_700_000_000),
                new Bin("pin", false)};
        if (count == 1) {
            meta = Arrays.copyOf(meta, meta.length + 1);
            meta[meta.length - 1] = new Bin("b", payload);
        }
        client.put(key(objectKey + "|m"), meta);
    }

    /** LMCache's newer writer: segments under a write id, the id in the meta record, still no checksums. */
    private static void writeWriteIdLayout(String objectKey, byte[] payload, String writeId) {
        int count = 3;
        int segmentBytes = (payload.length + count - 1) / count;
        for (int index = 0; index < count; index++) {
            int from = index * segmentBytes;
            byte[] segment = Arrays.copyOfRange(payload, from, Math.min(payload.length, from + segmentBytes));
            SERVER.client().put(key(objectKey + "|s|" + writeId + "|" + index), new Bin("b", segment));
        }
        SERVER.client().put(key(objectKey + "|m"), new Bin("ver", 1), new Bin("state", "ready"),
                new Bin("nseg", count), new Bin("seg_b", segmentBytes), new Bin("tot_b", payload.length),
                new Bin("created_at", 1_700_000_000), new Bin("pin", false), new Bin("wid", writeId));
    }

    private static Key key(String userKey) {
        return new Key(KvCacheServerExtension.NAMESPACE, SET, userKey);
    }
}
