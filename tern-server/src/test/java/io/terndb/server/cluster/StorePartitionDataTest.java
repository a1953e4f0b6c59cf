package io.terndb.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.protocol.PartitionId;
import io.terndb.protocol.RecordVersion;
import io.terndb.server.config.NamespaceConfig;
import io.terndb.server.config.StorageConfig;
import io.terndb.server.namespace.Namespace;
import io.terndb.storage.index.PartitionIndex;
import java.time.InstantSource;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Records from other nodes are applied by version, copied out exactly, and refused when malformed. */
class StorePartitionDataTest {

    private Namespace namespace;
    private StorePartitionData data;

    @BeforeEach
    void open() {
        namespace = new Namespace(new NamespaceConfig("test", 2, 0, 0, false, 1 << 20,
                new StorageConfig.Memory(64L << 20, 90, 0), List.of()), InstantSource.system());
        data = new StorePartitionData(namespace, InstantSource.system());
    }

    @AfterEach
    void close() {
        namespace.close();
    }

    /** A record image with one integer bin {@code i} = {@code value}, in tern-storage's layout. */
    private static byte[] image(long value) {
        ByteBuf image = Unpooled.buffer().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int bytes = 8 + 1 + 1 + 1 + 4 + 8;
        image.writeIntLE(bytes).writeShortLE(1).writeShortLE(0);
        image.writeByte(1).writeByte('i').writeByte(1).writeIntLE(8).writeLong(value);
        byte[] out = new byte[image.readableBytes()];
        image.readBytes(out);
        return out;
    }

    private static byte[] digest(int pid, int salt) {
        byte[] digest = new byte[20];
        digest[0] = (byte) pid;
        digest[1] = (byte) (pid >> 8);
        digest[10] = (byte) salt;
        digest[11] = (byte) (salt >> 8);
        return digest;
    }

    private static ByteBuf record(byte[] digest, int generation, long lastUpdateMs, byte[] image) {
        ByteBuf out = Unpooled.buffer();
        out.writeByte(image == null ? 1 : 0).writeByte(0).writeShortLE(generation).writeIntLE(0)
                .writeLongLE(lastUpdateMs).writeBytes(digest).writeIntLE(image == null ? 0 : image.length);
        if (image != null) {
            out.writeBytes(image);
        }
        return out;
    }

    private int apply(int pid, ByteBuf records, int count, RecordVersion policy) {
        data.lock(pid);
        try {
            return data.apply(pid, records, count, policy, durable -> { });
        } finally {
            data.unlock(pid);
        }
    }

    private int generationOf(int pid, byte[] digest) {
        java.nio.ByteBuffer parts = java.nio.ByteBuffer.wrap(digest).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        PartitionIndex partition = namespace.store().partition(pid);
        long entry = partition.find(parts.getLong(0), parts.getLong(8), parts.getInt(16));
        return entry == 0 ? 0 : PartitionIndex.generation(entry);
    }

    @Test
    void appliesOnlyNewerVersionsAndCopiesRecordsOutExactly() {
        int pid = 77;
        byte[] digest = digest(pid, 1);
        assertThat(apply(pid, record(digest, 3, 1_000, image(5)), 1, RecordVersion.GENERATION)).isEqualTo(1);
        assertThat(apply(pid, record(digest, 2, 9_000, image(6)), 1, RecordVersion.GENERATION)).isZero();
        assertThat(generationOf(pid, digest)).isEqualTo(3);
        assertThat(apply(pid, record(digest, 2, 9_000, image(6)), 1, RecordVersion.LAST_UPDATE_TIME)).isEqualTo(1);
        assertThat(generationOf(pid, digest)).isEqualTo(2);
        ByteBuf out = Unpooled.buffer();
        int[] count = new int[1];
        data.lock(pid);
        try {
            data.copyRecords(pid, data.digests(pid), 0, out, 1 << 16, count);
        } finally {
            data.unlock(pid);
        }
        assertThat(count[0]).isEqualTo(1);
        assertThat(out).isEqualTo(record(digest, 2, 9_000, image(6)));
        assertThat(apply(pid, record(digest, 4, 9_500, null), 1, RecordVersion.GENERATION)).isEqualTo(1);
        assertThat(namespace.store().objects()).isZero(); // a memory namespace keeps no tombstone
    }

    @Test
    void malformedRecordsAreRefusedAndLeaveTheStoreConsistent() {
        SplittableRandom random = new SplittableRandom(0x5EC0);
        int pid = 123;
        for (int round = 0; round < 20_000; round++) {
            ByteBuf good = record(digest(pid, round), 1 + random.nextInt(9), 1_000 + round, image(round));
            byte[] bytes = new byte[good.readableBytes()];
            good.readBytes(bytes);
            if (round % 2 == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            try {
                apply(pid, Unpooled.wrappedBuffer(bytes), 1, RecordVersion.GENERATION);
            } catch (FabricFormatException expected) {
                // refused: the connection it came on is closed
            }
        }
        long counted = 0;
        for (int p = 0; p < PartitionId.COUNT; p++) {
            counted += namespace.store().partition(p).size();
        }
        assertThat(counted).isEqualTo(namespace.store().partition(pid).size());
        assertThat(namespace.store().objects()).isEqualTo(counted);
    }
}
