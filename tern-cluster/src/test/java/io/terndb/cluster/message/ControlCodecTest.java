package io.terndb.cluster.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.terndb.protocol.PartitionId;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ControlCodecTest {

    private static ControlMessage[] samples() {
        long[] keys = new long[PartitionId.COUNT];
        byte[] flags = new byte[PartitionId.COUNT];
        keys[7] = 0x1234;
        flags[7] = 3;
        return new ControlMessage[] {
            new ControlMessage.Heartbeat(0xBB9L, "demo", 0xABCL, new long[] {1, 2}, new long[] {2, 3},
                    new NodeEndpoints("127.0.0.1:3002", "127.0.0.1:3001", List.of("127.0.0.1:3000", "[::1]:3000")),
                    List.of("10.0.0.1:3002")),
            new ControlMessage.Prepare(1, 99, new long[] {1, 2, 3}),
            new ControlMessage.Promise(2, 99, true, 98),
            new ControlMessage.Accept(1, 99, 0xCAFEL, new long[] {1, 2, 3}),
            new ControlMessage.Accepted(3, 99, false),
            new ControlMessage.Commit(1, 99, 0xCAFEL, new long[] {1, 2, 3}),
            new ControlMessage.CommitAck(2, 99),
            new ControlMessage.Exchange(1, 0xCAFEL, List.of(new NamespaceVersions("test", 2, 5, true, keys, flags)),
                    List.of(new MetadataEntry("truncate", "test/demo", "1700000000000", 1700000000000L))),
            new ControlMessage.ExchangeAck(2, 0xCAFEL),
            new ControlMessage.Metadata(1, 7, List.of(new MetadataEntry("truncate", "test", "undo", 5))),
            new ControlMessage.MetadataAck(2, 7),
        };
    }

    private static byte[] encode(ControlMessage message) {
        ByteBuf out = Unpooled.buffer();
        ControlCodec.encode(message, out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        return bytes;
    }

    private static ControlMessage decodeBody(byte[] frame) {
        return ControlCodec.decode(Unpooled.wrappedBuffer(frame, ControlLayout.LENGTH_BYTES,
                frame.length - ControlLayout.LENGTH_BYTES));
    }

    @Test
    void everyMessageRoundTrips() {
        for (ControlMessage message : samples()) {
            byte[] frame = encode(message);
            assertThat(Unpooled.wrappedBuffer(frame).getInt(0)).isEqualTo(frame.length - 4);
            ControlMessage decoded = decodeBody(frame);
            assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
        }
    }

    @Test
    void truncatedMessagesAreRefusedWithTheCodecsOwnError() {
        for (ControlMessage message : samples()) {
            byte[] frame = encode(message);
            for (int cut = ControlLayout.LENGTH_BYTES; cut < frame.length; cut += Math.max(1, frame.length / 97)) {
                byte[] truncated = java.util.Arrays.copyOf(frame, cut);
                assertThatThrownBy(() -> decodeBody(truncated)).isInstanceOf(ControlCodecException.class);
            }
        }
    }

    @Test
    void randomAndMutatedBytesNeverEscapeAsAnotherError() {
        SplittableRandom random = new SplittableRandom(0xC0DEC);
        ControlMessage[] samples = samples();
        for (int round = 0; round < 20_000; round++) {
            byte[] body;
            if (round % 2 == 0) {
                body = new byte[random.nextInt(64)];
                random.nextBytes(body);
            } else {
                byte[] frame = encode(samples[random.nextInt(samples.length)]);
                body = java.util.Arrays.copyOfRange(frame, ControlLayout.LENGTH_BYTES, frame.length);
                for (int flips = 1 + random.nextInt(4); flips > 0 && body.length > 0; flips--) {
                    body[random.nextInt(body.length)] = (byte) random.nextInt(256);
                }
            }
            try {
                ControlCodec.decode(Unpooled.wrappedBuffer(body));
            } catch (ControlCodecException expected) {
                // refused: the connection is closed
            }
        }
    }

    @Test
    void oversizedListsAreRefusedBeforeAllocation() {
        ByteBuf body = Unpooled.buffer();
        body.writeByte(ControlLayout.FORMAT).writeByte(ControlLayout.PREPARE).writeLong(1).writeLong(9);
        body.writeShort(ControlLayout.IDS_MAX + 1);
        assertThatThrownBy(() -> ControlCodec.decode(body)).isInstanceOf(ControlCodecException.class)
                .hasMessageContaining("node ids");
    }
}
