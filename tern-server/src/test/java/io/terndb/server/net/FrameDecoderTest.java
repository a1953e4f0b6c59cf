package io.terndb.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.terndb.protocol.FieldType;
import io.terndb.protocol.MessageFlags;
import io.terndb.protocol.OperationType;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ProtoHeader;
import io.terndb.protocol.ResultCode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private final ServiceHarness harness = new ServiceHarness(1024 * 1024);

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void answersInfoCommandsInOrderWithTabAndNewline() {
        EmbeddedChannel channel = harness.channel();
        ByteBuf reply = ServiceHarness.exchange(channel, Requests.info("node\npartition-generation\nnope\n"));
        assertThat(ProtoHeader.type(reply.readLong())).isEqualTo(ProtoHeader.TYPE_INFO);
        assertThat(reply.toString(StandardCharsets.UTF_8))
                .isEqualTo("node\tBB9000000000001\npartition-generation\t1\nnope\tERROR:4:unrecognized command\n");
    }

    @Test
    void closesConnectionOnWrongVersionWithoutReplying() {
        EmbeddedChannel channel = harness.channel();
        ByteBuf bad = Unpooled.buffer().writeLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, 0) & ~(0xFFL << 56)
                | (7L << 56));
        channel.writeInbound(bad);
        assertThat(channel.isOpen()).isFalse();
        assertThat((Object) channel.readOutbound()).isNull();
    }

    @Test
    void refusesOversizedFrameFromTheHeaderAlone() {
        EmbeddedChannel channel = harness.channel();
        channel.writeInbound(Unpooled.buffer().writeLong(
                ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, ProtoHeader.BODY_BYTES_MAX + 1)));
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void securityMessagesGetSecurityNotEnabled() {
        EmbeddedChannel channel = harness.channel();
        ByteBuf reply = ServiceHarness.exchange(channel, Requests.frame(ProtoHeader.TYPE_SECURITY,
                Unpooled.buffer().writeZero(16)));
        assertThat(reply.readableBytes()).isEqualTo(24);
        assertThat(reply.getByte(9)).isEqualTo((byte) ResultCode.SECURITY_NOT_ENABLED);
    }

    @Test
    void putThenGetRoundTripsAnIntegerBin() {
        EmbeddedChannel channel = harness.channel();
        byte[] digest = Requests.digest(1);
        ByteBuf put = Requests.message(0, MessageFlags.INFO2_WRITE, 0).key("test", "s", digest)
                .op(OperationType.WRITE, ParticleType.INTEGER, "a", Requests.longBytes(42)).frame();
        assertThat(resultCode(ServiceHarness.exchange(channel, put))).isEqualTo(ResultCode.OK);
        ByteBuf get = Requests.message(MessageFlags.INFO1_READ | MessageFlags.INFO1_GET_ALL, 0, 0)
                .key("test", "s", digest).frame();
        ByteBuf reply = ServiceHarness.exchange(channel, get);
        assertThat(resultCode(reply)).isEqualTo(ResultCode.OK);
        assertThat(reply.getInt(8 + 6)).as("generation").isEqualTo(1);
        assertThat(reply.getShort(8 + 20)).as("bins").isEqualTo((short) 1);
        assertThat(reply.getLong(reply.writerIndex() - 8)).isEqualTo(42);
    }

    @Test
    void truncatedFieldIsAParameterErrorAndTheConnectionStaysUsable() {
        EmbeddedChannel channel = harness.channel();
        ByteBuf body = Unpooled.buffer();
        body.writeByte(22).writeZero(17).writeShort(1).writeShort(0); // one field...
        body.writeInt(1000).writeByte(FieldType.NAMESPACE); // ...claiming 999 bytes that are not there
        assertThat(resultCode(ServiceHarness.exchange(channel, Requests.frame(ProtoHeader.TYPE_AS_MSG, body))))
                .isEqualTo(ResultCode.PARAMETER_ERROR);
        ByteBuf reply = ServiceHarness.exchange(channel, Requests.info("status\n"));
        assertThat(reply.skipBytes(8).toString(StandardCharsets.UTF_8)).isEqualTo("status\tok\n");
    }

    @Test
    void unknownNamespaceIsResultTwenty() {
        EmbeddedChannel channel = harness.channel();
        ByteBuf get = Requests.message(MessageFlags.INFO1_READ | MessageFlags.INFO1_GET_ALL, 0, 0)
                .key("nope", "s", Requests.digest(2)).frame();
        assertThat(resultCode(ServiceHarness.exchange(channel, get))).isEqualTo(ResultCode.INVALID_NAMESPACE);
    }

    @Test
    void recordOverMaxRecordSizeIsRefusedWithThirteenAndNotStored() {
        EmbeddedChannel channel = harness.channel();
        byte[] digest = Requests.digest(3);
        ByteBuf put = Requests.message(0, MessageFlags.INFO2_WRITE, 0).key("test", "s", digest)
                .op(OperationType.WRITE, ParticleType.BLOB, "b", new byte[1024 * 1024]).frame();
        assertThat(resultCode(ServiceHarness.exchange(channel, put))).isEqualTo(ResultCode.RECORD_TOO_BIG);
        ByteBuf get = Requests.message(MessageFlags.INFO1_READ | MessageFlags.INFO1_GET_ALL, 0, 0)
                .key("test", "s", digest).frame();
        assertThat(resultCode(ServiceHarness.exchange(channel, get))).isEqualTo(ResultCode.KEY_NOT_FOUND);
    }

    @Test
    void randomBytesNeverThrowAndEndInAReplyOrAClose() {
        long seed = Long.getLong("tern.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            EmbeddedChannel channel = harness.channel();
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            ByteBuf frame = Unpooled.buffer();
            if (random.nextBoolean()) { // often a valid header, so the body decoders see the noise
                frame.writeLong(ProtoHeader.encode(1 + random.nextInt(4), noise.length));
            }
            frame.writeBytes(noise);
            try {
                channel.writeInbound(frame);
                channel.runPendingTasks();
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " (rerun with -Dtern.seed=" + seed + ")", e);
            }
            channel.finishAndReleaseAll();
        }
    }

    private static int resultCode(ByteBuf reply) {
        return reply.getUnsignedByte(8 + 5);
    }
}
