package io.terndb.storage.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PartitionIndexTest {

    /** A digest as the index takes it: three little-endian parts. */
    private record Digest(long d0, long d1, int d2) {
        static Digest of(long seed) {
            // Few distinct d1 values force long probe runs and wrap-around in small tables.
            return new Digest(seed * 0x9E3779B97F4A7C15L, seed % 7, (int) seed);
        }

        byte[] bytes() {
            return ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(d0).putLong(d1).putInt(d2).array();
        }
    }

    /**
     * An insert after a remove that shifted the probe run back lands where a find reaches it, not where a find
     * before the remove ended.
     */
    @Test
    void anInsertAfterATableChangeDoesNotTakeTheSlotAnOlderFindEndedAt() {
        try (IndexArena arena = new IndexArena(); PartitionIndex index = new PartitionIndex(arena)) {
            long home = 3; // three digests whose probes all start at slot 3 (tags differ)
            long x = home | (1L << 56);
            long y = home | (2L << 56);
            long z = home | (3L << 56);
            long entryX = index.insert(1, x, 1);
            index.insert(2, y, 2);
            assertThat(index.find(3, z, 3)).isZero(); // stops at slot 5
            index.remove(entryX); // y moves back to slot 3: slot 4 is now the end of the run
            long entryZ = index.insert(3, z, 3);

            assertThat(index.find(3, z, 3)).isEqualTo(entryZ);
            assertThat(index.find(2, y, 2)).isNotZero();
            assertThat(index.find(1, x, 1)).isZero();
        }
    }

    @Property(tries = 200)
    void behavesLikeAMapUnderRandomInsertsAndRemoves(
            @ForAll @Size(max = 400) List<@IntRange(min = 0, max = 300) Integer> keys) {
        Map<Integer, Long> model = new HashMap<>();
        try (IndexArena arena = new IndexArena(); PartitionIndex index = new PartitionIndex(arena)) {
            for (int key : keys) {
                Digest digest = Digest.of(key);
                long entry = index.find(digest.d0(), digest.d1(), digest.d2());
                if (model.containsKey(key)) {
                    assertThat(entry).isNotZero();
                    assertThat(PartitionIndex.location(entry)).isEqualTo(model.get(key));
                    index.remove(entry);
                    model.remove(key);
                    assertThat(arena.inUse()).isEqualTo(model.size());
                } else {
                    assertThat(entry).isZero();
                    entry = index.insert(digest.d0(), digest.d1(), digest.d2());
                    PartitionIndex.location(entry, key * 31L + 1);
                    model.put(key, key * 31L + 1);
                }
                assertThat(index.size()).isEqualTo(model.size());
            }
            for (int key = 0; key <= 300; key++) {
                Digest digest = Digest.of(key);
                long entry = index.find(digest.d0(), digest.d1(), digest.d2());
                assertThat(entry != 0).as("key %d present", key).isEqualTo(model.containsKey(key));
            }
        }
    }

    @Test
    void entryFieldsRoundTripAndNewEntriesStartZeroed() {
        try (IndexArena arena = new IndexArena(); PartitionIndex index = new PartitionIndex(arena)) {
            Digest digest = Digest.of(42);
            long entry = index.insert(digest.d0(), digest.d1(), digest.d2());
            assertThat(PartitionIndex.generation(entry)).isZero();
            assertThat(PartitionIndex.voidTime(entry)).isZero();
            PartitionIndex.generation(entry, 65_535);
            PartitionIndex.setId(entry, 1023);
            PartitionIndex.voidTime(entry, 0xFFFF_FFF0L);
            PartitionIndex.lastUpdateMs(entry, 1_700_000_000_123L);
            assertThat(PartitionIndex.generation(entry)).isEqualTo(65_535);
            assertThat(PartitionIndex.setId(entry)).isEqualTo(1023);
            assertThat(PartitionIndex.voidTime(entry)).isEqualTo(0xFFFF_FFF0L);
            assertThat(PartitionIndex.lastUpdateMs(entry)).isEqualTo(1_700_000_000_123L);
            byte[] copied = new byte[20];
            PartitionIndex.copyDigest(entry, copied, 0);
            assertThat(copied).isEqualTo(digest.bytes());
        }
    }

    @Test
    void growsPastManyThousandsOfEntries() {
        try (IndexArena arena = new IndexArena(); PartitionIndex index = new PartitionIndex(arena)) {
            for (long i = 0; i < 50_000; i++) {
                index.insert(i, i * 0x9E3779B97F4A7C15L, (int) i);
            }
            assertThat(index.size()).isEqualTo(50_000);
            assertThat(index.find(49_999, 49_999 * 0x9E3779B97F4A7C15L, 49_999)).isNotZero();
            assertThat(index.tableBytes()).isLessThanOrEqualTo(50_000L * 2 * 4 * 2);
            assertThat(arena.inUse()).isEqualTo(50_000);
        }
    }
}
