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
import java.util.List;
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
    void aUserAgentIsSetOncePerConnectionAndCountedWhileTheConnectionIsOpen() {
        String agent = "MSxub2RlanMtNi43LjEs"; // base64 of "1,nodejs-6.7.1," as the C client sends it
        EmbeddedChannel announcing = harness.channel();
        assertThat(info(announcing, "features\nuser-agent-set:value=" + agent + "\n"))
                .endsWith("\nuser-agent-set:value=" + agent + "\tok\n");
        assertThat(info(announcing, "user-agent-set:value=" + agent + "\n")).endsWith("\tERROR:4:already set\n");
        EmbeddedChannel silentTender = harness.channel();
        info(silentTender, "features\n");
        EmbeddedChannel transactionsOnly = harness.channel();
        info(transactionsOnly, "node\n");
        assertThat(info(transactionsOnly, "user-agents\n")).isEqualTo("user-agents\tuser-agent=" + agent
                + ":count=1;user-agent=dW5rbm93bg==:count=1;\n");
        announcing.close();
        assertThat(info(transactionsOnly, "user-agents\n"))
                .isEqualTo("user-agents\tuser-agent=dW5rbm93bg==:count=1;\n");
    }

    @Test
    void refusesUserAgentsTheOriginalRefuses() {
        EmbeddedChannel channel = harness.channel();
        assertThat(info(channel, "user-agent-set\n")).isEqualTo("user-agent-set\tERROR:4:missing 'value'\n");
        assertThat(info(channel, "user-agent-set:value=\n")).endsWith("\tERROR:4:missing 'value' value\n");
        assertThat(info(channel, "user-agent-set:value=" + "QUFB".repeat(22) + "\n"))
                .endsWith("\tERROR:4:'value' value too long\n");
        assertThat(info(channel, "user-agent-set:value=QUF\n")).endsWith("\tERROR:4:'value' invalid base64\n");
        assertThat(info(channel, "user-agent-set:value=QU*B\n")).endsWith("\tERROR:4:'value' invalid base64\n");
        assertThat(info(channel, "user-agent-set:value=" + "QUFB".repeat(21) + "\n")).endsWith("\tok\n");
    }

    private static String info(EmbeddedChannel channel, String commands) {
        ByteBuf reply = ServiceHarness.exchange(channel, Requests.info(commands));
        reply.skipBytes(ProtoHeader.BYTES);
        return reply.toString(StandardCharsets.UTF_8);
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

    @Test
    void mutatedValidRequestsNeverThrowAndStoredDataSurvives() {
        byte[] digest = Requests.digest(9);
        EmbeddedChannel setup = harness.channel();
        ByteBuf put = Requests.message(0, MessageFlags.INFO2_WRITE, 0).key("test", "s", digest)
                .op(OperationType.WRITE, ParticleType.STRING, "v", "kept".getBytes(StandardCharsets.UTF_8)).frame();
        assertThat(resultCode(ServiceHarness.exchange(setup, put))).isEqualTo(ResultCode.OK);
        List<ByteBuf> valid = List.of(
                Requests.message(0, MessageFlags.INFO2_WRITE, 0).key("test", "s", Requests.digest(10))
                        .op(OperationType.INCREMENT, ParticleType.INTEGER, "n", Requests.longBytes(1)).frame(),
                Requests.message(MessageFlags.INFO1_READ, 0, 0).key("test", "s", Requests.digest(10))
                        .op(OperationType.READ, 0, "n", new byte[0]).frame(),
                // never the kept record: a mutation may turn a read into a legitimate delete
                batchGet(Requests.digest(11), Requests.digest(10)),
                Requests.message(MessageFlags.INFO1_READ, 0, MessageFlags.INFO3_PARTITION_DONE)
                        .field(FieldType.NAMESPACE, "test".getBytes(StandardCharsets.UTF_8))
                        .field(FieldType.PARTITION_ID_ARRAY, new byte[] {1, 0, 2, 0}).frame());
        long seed = Long.getLong("tern.seed", System.nanoTime());
        Random random = new Random(seed);
        for (int i = 0; i < 3000; i++) {
            ByteBuf mutated = valid.get(random.nextInt(valid.size())).copy();
            for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                int at = 8 + random.nextInt(mutated.readableBytes() - 8); // keep the frame header: reach the body
                mutated.setByte(at, random.nextInt(256));
            }
            EmbeddedChannel channel = harness.channel();
            try {
                channel.writeInbound(mutated);
                channel.runPendingTasks();
            } catch (RuntimeException e) {
                throw new AssertionError("seed=" + seed + " (rerun with -Dtern.seed=" + seed + ")", e);
            }
            channel.finishAndReleaseAll();
        }
        ByteBuf get = Requests.message(MessageFlags.INFO1_READ | MessageFlags.INFO1_GET_ALL, 0, 0)
                .key("test", "s", digest).frame();
        ByteBuf reply = ServiceHarness.exchange(harness.channel(), get);
        assertThat(resultCode(reply)).isEqualTo(ResultCode.OK);
        assertThat(reply.toString(reply.writerIndex() - 4, 4, StandardCharsets.UTF_8)).isEqualTo("kept");
    }

    private static ByteBuf batchGet(byte[]... digests) {
        ByteBuf rows = Unpooled.buffer().writeInt(digests.length).writeByte(0x0D);
        for (int i = 0; i < digests.length; i++) {
            rows.writeInt(i).writeBytes(digests[i]);
            if (i > 0) {
                rows.writeByte(0x01); // REPEAT
                continue;
            }
            rows.writeByte(0x0A).writeByte(MessageFlags.INFO1_READ | MessageFlags.INFO1_GET_ALL)
                    .writeShort(0).writeInt(0)
                    .writeShort(2).writeShort(0);
            rows.writeInt(5).writeByte(FieldType.NAMESPACE).writeBytes("test".getBytes(StandardCharsets.UTF_8));
            rows.writeInt(2).writeByte(FieldType.SET).writeByte('s');
        }
        byte[] field = new byte[rows.readableBytes()];
        rows.readBytes(field);
        return Requests.message(MessageFlags.INFO1_BATCH, 0, 0).field(FieldType.BATCH_INDEX, field).frame();
    }

    @Test
    void batchGetAnswersEveryRowWithItsIndexThenLast() {
        EmbeddedChannel channel = harness.channel();
        byte[] present = Requests.digest(20);
        ServiceHarness.exchange(channel, Requests.message(0, MessageFlags.INFO2_WRITE, 0).key("test", "s", present)
                .op(OperationType.WRITE, ParticleType.INTEGER, "a", Requests.longBytes(7)).frame());
        ByteBuf reply = ServiceHarness.exchange(channel, batchGet(Requests.digest(21), present));
        reply.skipBytes(8);
        assertThat(reply.getByte(reply.readerIndex() + 5)).as("row 0 missing").isEqualTo((byte) 2);
        assertThat(reply.getInt(reply.readerIndex() + 14)).as("row 0 index").isZero();
        reply.skipBytes(22);
        assertThat(reply.getByte(reply.readerIndex() + 5)).as("row 1 found").isZero();
        assertThat(reply.getInt(reply.readerIndex() + 14)).as("row 1 index").isEqualTo(1);
        reply.skipBytes(22 + 4 + 4 + 1 + 8);
        assertThat(reply.getByte(reply.readerIndex() + 3)).as("LAST").isEqualTo((byte) MessageFlags.INFO3_LAST);
    }

    private static int resultCode(ByteBuf reply) {
        return reply.getUnsignedByte(8 + 5);
    }
}
