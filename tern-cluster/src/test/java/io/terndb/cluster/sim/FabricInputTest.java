package io.terndb.cluster.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.terndb.cluster.ClusterNamespace;
import io.terndb.cluster.ClusterNode;
import io.terndb.cluster.ClusterSettings;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.message.NodeEndpoints;
import io.terndb.cluster.transport.ControlTransport;
import io.terndb.cluster.transport.DataTransport;
import io.terndb.cluster.transport.FabricHandler;
import io.terndb.protocol.RecordVersion;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every fabric frame type, truncated, mutated and random, given to a node: it refuses with its format error (the
 * connection is closed) or ignores the frame, and keeps serving; nothing else escapes.
 */
class FabricInputTest {

    private static ClusterNode node() {
        DataTransport data = new DataTransport() {
            @Override
            public ByteBuf allocate(int bytesHint) {
                return Unpooled.buffer(bytesHint);
            }

            @Override
            public boolean send(long node, ByteBuf frame) {
                frame.release();
                return true;
            }
        };
        SimData records = new SimData();
        ClusterNode node = new ClusterNode(ClusterSettings.defaults(1), new NodeEndpoints("a:1", "a:2", List.of()),
                ControlTransport.NONE, data, FabricHandler.NONE,
                List.of(new ClusterNamespace("test", 2, 0, false, RecordVersion.GENERATION, records)), 1,
                new SplittableRandom(1), () -> 0, 0);
        node.formAlone(0);
        return node;
    }

    /** Well-formed frames of each type, for mutation. */
    private static ByteBuf[] samples(long clusterKey) {
        ByteBuf write = Unpooled.buffer();
        int start = Frames.begin(write, FabricLayout.REPLICA_WRITE);
        write.writeLongLE(clusterKey).writeLongLE(1);
        Frames.writeNamespace(write, "test");
        write.writeShortLE(SimData.partitionOf(42));
        SimData.write(write, 42, new SimData.Version(3, 100, false, 7));
        Frames.end(write, start);
        ByteBuf migrate = Unpooled.buffer();
        start = Frames.begin(migrate, FabricLayout.MIGRATE_START);
        migrate.writeLongLE(clusterKey).writeLongLE(5);
        Frames.writeNamespace(migrate, "test");
        migrate.writeShortLE(9).writeByte(1);
        Frames.end(migrate, start);
        ByteBuf records = Unpooled.buffer();
        start = Frames.begin(records, FabricLayout.MIGRATE_RECORDS);
        records.writeLongLE(5).writeIntLE(0).writeShortLE(1);
        SimData.write(records, 42, new SimData.Version(3, 100, true, 0));
        Frames.end(records, start);
        return new ByteBuf[] {write, migrate, records,
            Frames.ack(Unpooled.buffer(), FabricLayout.REPLICA_ACK, 1, 0),
            Frames.ack(Unpooled.buffer(), FabricLayout.MIGRATE_DONE_ACK, 5, 0)};
    }

    private static void feed(ClusterNode node, byte[] body) {
        try {
            node.receiveFabric(2, Unpooled.wrappedBuffer(body));
        } catch (FabricFormatException expected) {
            // refused: the transport closes that connection
        }
    }

    @Test
    void badFramesAreRefusedOrIgnoredAndTheNodeGoesOn() {
        ClusterNode node = node();
        SplittableRandom random = new SplittableRandom(0xFAB);
        ByteBuf[] samples = samples(node.view().clusterKey());
        for (int round = 0; round < 30_000; round++) {
            ByteBuf sample = samples[random.nextInt(samples.length)];
            byte[] body = new byte[sample.readableBytes() - FabricLayout.LENGTH_BYTES];
            sample.getBytes(FabricLayout.LENGTH_BYTES, body);
            switch (round % 3) {
                case 0 -> body = java.util.Arrays.copyOf(body, random.nextInt(body.length));
                case 1 -> {
                    for (int flips = 1 + random.nextInt(3); flips > 0 && body.length > 0; flips--) {
                        body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    body = new byte[1 + random.nextInt(80)];
                    random.nextBytes(body);
                }
            }
            feed(node, body);
        }
        // Still serving: a well-formed replica write is applied.
        ByteBuf good = samples(node.view().clusterKey())[0];
        good.skipBytes(FabricLayout.LENGTH_BYTES);
        node.receiveFabric(2, good);
    }
}
