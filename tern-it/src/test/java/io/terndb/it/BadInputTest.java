package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.terndb.testkit.AsMsgBuilder;
import io.terndb.testkit.AsMsgLayout;
import io.terndb.testkit.AsMsgReply;
import io.terndb.testkit.ProtoFrame;
import io.terndb.testkit.RawConnection;
import io.terndb.testkit.SeededRandom;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed input on raw sockets. Each case must get a well-formed error reply (a 22-byte AS_MSG with a non-zero
 * result) or a closed connection, never silence; afterwards a fresh official client still reads and writes, and
 * the records written before are intact.
 */
class BadInputTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
    private static final int SENTINELS = 20;
    private static final int FUZZ_ITERATIONS = 500;
    private static final AtomicInteger PROBES = new AtomicInteger();

    @BeforeAll
    static void writeSentinels() {
        for (int i = 0; i < SENTINELS; i++) {
            SERVER.client().put(null, sentinel(i), new Bin("i", i), new Bin("s", "sentinel-" + i));
        }
    }

    private static Key sentinel(int i) {
        return new Key("test", "sentinel", i);
    }

    @AfterEach
    void serverStillServesAndKeepsEarlierRecords() {
        assertThat(SERVER.server().isAlive()).as("server process alive").isTrue();
        try (AerospikeClient fresh = new AerospikeClient(TernServerExtension.patientClientPolicy(), "127.0.0.1",
                SERVER.port())) {
            Key probe = new Key("test", "probe", PROBES.incrementAndGet());
            fresh.put(null, probe, new Bin("v", "ok"));
            assertThat(fresh.get(null, probe).getString("v")).isEqualTo("ok");
            for (int i = 0; i < SENTINELS; i++) {
                Record record = fresh.get(null, sentinel(i));
                assertThat(record).as("sentinel %d", i).isNotNull();
                assertThat(record.getLong("i")).isEqualTo(i);
                assertThat(record.getString("s")).isEqualTo("sentinel-" + i);
                assertThat(record.generation).isEqualTo(1);
            }
        }
    }

    /** Sends {@code request}; returns the reply, or empty if the server closed the connection instead. */
    private static Optional<ProtoFrame> sendAndAwaitReplyOrClose(byte[] request) throws IOException {
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            try {
                connection.send(request);
            } catch (SocketException closedWhileSending) {
                return Optional.empty();
            }
            return connection.readFrameOrClosed(REPLY_WAIT);
        } catch (SocketTimeoutException e) {
            return fail("server neither answered nor closed the connection within " + REPLY_WAIT);
        }
    }

    private static void assertErrorReplyOrClosed(Optional<ProtoFrame> outcome) {
        outcome.ifPresent(BadInputTest::assertErrorReply);
    }

    private static void assertErrorReply(ProtoFrame frame) {
        assertThat(frame.version()).as("reply version").isEqualTo(ProtoFrame.VERSION);
        assertThat(frame.type()).as("reply type").isEqualTo(ProtoFrame.TYPE_AS_MSG);
        AsMsgReply reply = AsMsgReply.parse(frame);
        assertThat(reply.headerBytes()).isEqualTo(AsMsgLayout.HEADER_BYTES);
        assertThat(reply.resultCode()).as("result code").isNotZero();
        assertThat(frame.body()).as("an error reply carries no fields or ops").hasSize(AsMsgLayout.HEADER_BYTES);
    }

    private static byte[] validPutBody() {
        return AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("bad-input").digest(new Key("test", "bad-input", "k").digest)
                .writeInteger("a", 1)
                .buildBody();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        return ByteBuffer.allocate(first.length + second.length).put(first).put(second).array();
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 1, 3, 255})
    void wrongVersionByteIsRefused(int version) throws IOException {
        byte[] body = validPutBody();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(
                concat(ProtoFrame.header(version, ProtoFrame.TYPE_AS_MSG, body.length), body)));
    }

    @ParameterizedTest(name = "type {0}")
    @ValueSource(ints = {0, 6, 9, 255})
    void unknownMessageTypeIsRefused(int type) throws IOException {
        byte[] body = validPutBody();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(
                concat(ProtoFrame.header(ProtoFrame.VERSION, type, body.length), body)));
    }

    @ParameterizedTest(name = "type {0}, size {1}")
    @CsvSource({"3, 134217729", "3, 1073741824", "3, 281474976710655", "1, 134217729", "2, 134217729"})
    void bodyLargerThanProtoLimitClosesTheConnectionWithoutWaitingForIt(int type, long size) throws IOException {
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(ProtoFrame.header(ProtoFrame.VERSION, type, size));

            Optional<ProtoFrame> reply = connection.readFrameOrClosed(REPLY_WAIT);
            reply.ifPresent(BadInputTest::assertErrorReply);
            assertThat(reply.isEmpty() || connection.awaitClosedByPeer(REPLY_WAIT))
                    .as("connection closed after a header announcing %d bytes", size).isTrue();
        } catch (SocketTimeoutException e) {
            fail("server kept the connection open after a header announcing " + size + " bytes");
        }
    }

    @Test
    void truncatedMessageFollowedByCloseLeavesTheServerServing() throws IOException {
        byte[] put = AsMsgBuilder.request().info2(AsMsgLayout.INFO2_WRITE).namespace("test")
                .digest(new Key("test", "bad-input", "truncated").digest).writeInteger("a", 1).build();
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(Arrays.copyOf(put, put.length / 2));
        }

        assertThat(SERVER.server().info("status")).containsEntry("status", "ok");
        assertThat(SERVER.client().exists(null, new Key("test", "bad-input", "truncated"))).isFalse();
    }

    @Test
    void zeroLengthAsMsgBodyIsRefused() throws IOException {
        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(ProtoFrame.header(2, ProtoFrame.TYPE_AS_MSG, 0)));
    }

    @Test
    void asMsgBodyShorterThanItsHeaderIsRefused() throws IOException {
        byte[] body = Arrays.copyOf(validPutBody(), 10);

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(
                new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_AS_MSG, body).encode()));
    }

    @ParameterizedTest(name = "declared field size {0}")
    @ValueSource(longs = {100, 1_000_000, 0x7FFF_FFFFL, 0xFFFF_FFFFL})
    void fieldSizePastTheEndIsRefused(long declaredSize) throws IOException {
        byte[] request = AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("bad-input")
                .fieldWithDeclaredSize(declaredSize, AsMsgLayout.FIELD_DIGEST, new byte[20])
                .build();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(request));
    }

    @ParameterizedTest(name = "declared op size {0}")
    @ValueSource(longs = {0, 3, 100, 1_000_000, 0xFFFF_FFFFL})
    void opSizePastTheEndOrBelowItsHeaderIsRefused(long declaredSize) throws IOException {
        byte[] request = AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("bad-input").digest(new Key("test", "bad-input", "op-size").digest)
                .opWithDeclaredSize(declaredSize, AsMsgLayout.OP_WRITE, AsMsgLayout.PARTICLE_INTEGER,
                        new byte[] {'a'}, new byte[8])
                .build();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(request));
        assertThat(SERVER.client().exists(null, new Key("test", "bad-input", "op-size"))).isFalse();
    }

    @Test
    void fieldCountLargerThanTheFieldsPresentIsRefused() throws IOException {
        byte[] request = AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("bad-input").digest(new Key("test", "bad-input", "fields").digest)
                .writeInteger("a", 1)
                .fieldCountOverride(200)
                .build();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(request));
    }

    @Test
    void opCountLargerThanTheOpsPresentIsRefused() throws IOException {
        Key key = new Key("test", "bad-input", "ops");
        byte[] request = AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("bad-input").digest(key.digest)
                .writeInteger("a", 1)
                .opCountOverride(50)
                .build();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(request));
        assertThat(SERVER.client().exists(null, key)).isFalse();
    }

    @Test
    void compressedFrameClaimingAHugeUncompressedSizeIsRefused() throws IOException {
        byte[] body = ByteBuffer.allocate(8 + 16).putLong(Long.MAX_VALUE).put(new byte[] {0x78, (byte) 0x9C})
                .array();

        assertErrorReplyOrClosed(sendAndAwaitReplyOrClose(
                new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_AS_MSG_COMPRESSED, body).encode()));
    }

    @Test
    void randomPayloadsGetAWellFormedReplyOrACloseAndNeverStopTheServer() throws IOException {
        SeededRandom random = SeededRandom.create("BadInputTest#randomPayloads");
        for (int i = 0; i < FUZZ_ITERATIONS; i++) {
            byte[] payload = FuzzPayloads.next(random);
            try {
                sendHalfCloseAndDrain(payload);
            } catch (AssertionError | IOException e) {
                throw new AssertionError("iteration " + i + " payload " + HexFormat.of().formatHex(payload) + " "
                        + random.reproduceHint(), e);
            }
        }
    }

    /**
     * Sends {@code payload}, half-closes, then reads until the server closes: every frame on the way must be a
     * version-2 frame of a known type, and the close must come (the server sees end of stream).
     */
    private static void sendHalfCloseAndDrain(byte[] payload) throws IOException {
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            try {
                connection.send(payload);
                connection.shutdownOutput();
            } catch (SocketException closedWhileSending) {
                return;
            }
            for (int frames = 0; frames < 8; frames++) {
                Optional<ProtoFrame> frame = connection.readFrameOrClosed(REPLY_WAIT);
                if (frame.isEmpty()) {
                    return;
                }
                assertThat(frame.get().version()).isEqualTo(ProtoFrame.VERSION);
                assertThat(frame.get().type()).isBetween(ProtoFrame.TYPE_INFO, ProtoFrame.TYPE_AS_MSG_COMPRESSED);
                if (frame.get().type() == ProtoFrame.TYPE_AS_MSG) {
                    assertThat(AsMsgReply.parse(frame.get()).headerBytes()).isEqualTo(AsMsgLayout.HEADER_BYTES);
                }
            }
            fail("more than 8 reply frames to one payload");
        } catch (SocketTimeoutException e) {
            fail("server neither answered nor closed the connection within " + REPLY_WAIT + " after end of stream");
        }
    }
}
