package io.terndb.cluster.net;

import static io.terndb.cluster.net.FabricTesting.POISON_STREAM;
import static io.terndb.cluster.net.FabricTesting.PROBE_STREAM;
import static io.terndb.cluster.net.FabricTesting.frame;
import static io.terndb.cluster.net.FabricTesting.sendRetrying;
import static io.terndb.cluster.net.NetTestSupport.LOOPBACK_ANY_PORT;
import static io.terndb.cluster.net.NetTestSupport.await;
import static io.terndb.cluster.net.NetTestSupport.closedAfterWriting;
import static io.terndb.cluster.net.NetTestSupport.loopbackEndpoint;
import static io.terndb.cluster.net.NetTestSupport.sleepMs;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import io.terndb.cluster.net.FabricTesting.SequenceChecker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FabricTransportTest {

    private static final String CLUSTER = "test-cluster";
    private static final long A = 0xA1;
    private static final long B = 0xB2;
    private static final long C = 0xC3;
    private static final int FRAME_BYTES = 100;
    private static final long QUEUED_BYTES_MAX = 8L << 20;

    private static EventLoopGroup group;
    /** Every node's fabric endpoint, as the cluster's heartbeats would tell. */
    private final Map<Long, String> endpoints = new ConcurrentHashMap<>();
    private final List<FabricTransport> started = new ArrayList<>();

    @BeforeAll
    static void startEventLoops() {
        group = NetChannels.newEventLoopGroup(2, "fabric-test");
    }

    @AfterAll
    static void stopEventLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeTransports() {
        started.forEach(FabricTransport::close);
    }

    private FabricTransport start(long node, FabricTransport.FrameHandler handler) throws IOException {
        return start(node, LOOPBACK_ANY_PORT, handler, QUEUED_BYTES_MAX);
    }

    private FabricTransport start(long node, InetSocketAddress bindAddress, FabricTransport.FrameHandler handler,
            long queuedBytesMax) throws IOException {
        FabricTransport fabric = FabricTransport.start(node, CLUSTER, List.of(bindAddress), endpoints::get, handler,
                group, queuedBytesMax);
        started.add(fabric);
        endpoints.put(node, Endpoints.format(fabric.boundAddresses().getFirst()));
        return fabric;
    }

    private static void sendStream(FabricTransport fabric, long to, int stream, long from, long until) {
        for (long sequence = from; sequence < until; sequence++) {
            sendRetrying(fabric, to, stream, sequence, FRAME_BYTES);
        }
    }

    @Test
    void framesFromOneThreadArriveInOrderFromTheirSender() throws Exception {
        SequenceChecker checker = new SequenceChecker();
        start(B, checker);
        FabricTransport a = start(A, (from, body) -> { });

        sendStream(a, B, 0, 0, 100_000);

        await(() -> checker.frames() == 100_000, "100,000 frames");
        assertThat(checker.firstViolation()).isNull();
        assertThat(checker.next(A, 0)).isEqualTo(100_000);
        assertThat(checker.senders()).containsExactly(A);
        await(() -> a.framesSent() == 100_000, "the sender to count its frames");
        assertThat(a.bytesSent()).isEqualTo(100_000L * FRAME_BYTES);
        assertThat(a.framesDropped()).isZero();
        assertThat(a.connectionsOpened()).isEqualTo(1);
        await(() -> a.queuedBytes(B) == 0, "the queue to drain");
    }

    @Test
    void framesFromFourThreadsKeepEachThreadsOrder() throws Exception {
        SequenceChecker checker = new SequenceChecker();
        start(B, checker);
        FabricTransport a = start(A, (from, body) -> { });
        int framesPerThread = 25_000;

        List<Thread> senders = new ArrayList<>();
        for (int stream = 0; stream < 4; stream++) {
            int thread = stream;
            senders.add(Thread.ofPlatform().name("sender-" + stream)
                    .start(() -> sendStream(a, B, thread, 0, framesPerThread)));
        }
        for (Thread sender : senders) {
            sender.join();
        }

        await(() -> checker.frames() == 4L * framesPerThread, "every thread's frames");
        assertThat(checker.firstViolation()).isNull();
        for (int stream = 0; stream < 4; stream++) {
            assertThat(checker.next(A, stream)).isEqualTo(framesPerThread);
        }
        assertThat(a.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void restartedPeerGetsFramesAgainAfterReconnect() throws Exception {
        SequenceChecker before = new SequenceChecker();
        FabricTransport b = start(B, before);
        InetSocketAddress addressOfB = b.boundAddresses().getFirst();
        FabricTransport a = start(A, (from, body) -> { });
        sendStream(a, B, 0, 0, 100);
        await(() -> before.frames() == 100, "frames before the restart");

        b.close();
        SequenceChecker after = new SequenceChecker();
        start(B, addressOfB, after, QUEUED_BYTES_MAX);
        for (long probe = 0; after.probes(A) == 0; probe++) {
            a.send(B, frame(a, PROBE_STREAM, probe, FRAME_BYTES)); // lost until A notices and reconnects
            sleepMs(10);
        }
        sendStream(a, B, 1, 0, 1_000);

        await(() -> after.next(A, 1) == 1_000, "frames after the restart");
        assertThat(after.firstViolation()).isNull();
        assertThat(after.senders()).containsExactly(A);
        assertThat(a.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void peerThatNeverReadsMakesSendRefuseWithoutBlocking() throws Exception {
        long queuedBytesMax = 1L << 20;
        FabricTransport a = start(A, LOOPBACK_ANY_PORT, (from, body) -> { }, queuedBytesMax);
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            endpoints.put(C, loopbackEndpoint(deaf.getLocalPort()));
            assertThat(a.send(C, frame(a, 0, 0, 1_024))).isTrue();
            try (Socket accepted = deaf.accept()) { // and never read
                assertThat(accepted.isConnected()).isTrue();
                long acceptedFrames = 1;
                long sendNsMax = 0;
                long refusedSinceNs = 0;
                // The kernel's socket buffers may take a little more after a refusal: refused for 200 ms is full.
                while (acceptedFrames < 100_000
                        && (refusedSinceNs == 0 || System.nanoTime() - refusedSinceNs < 200_000_000L)) {
                    long startNs = System.nanoTime();
                    boolean sent = a.send(C, frame(a, 0, acceptedFrames, 1_024));
                    long endNs = System.nanoTime();
                    sendNsMax = Math.max(sendNsMax, endNs - startNs);
                    acceptedFrames += sent ? 1 : 0;
                    refusedSinceNs = sent ? 0 : refusedSinceNs == 0 ? endNs : refusedSinceNs;
                }

                assertThat(refusedSinceNs).as("refused after %,d frames", acceptedFrames).isNotZero();
                assertThat(acceptedFrames * 1_024).as("bytes taken: the bound and the sockets' buffers")
                        .isLessThan(queuedBytesMax + (64L << 20));
                assertThat(TimeUnit.NANOSECONDS.toMillis(sendNsMax)).isLessThan(200);
                assertThat(a.queuedBytes(C)).isBetween(queuedBytesMax / 2, queuedBytesMax + 1);
                assertThat(a.refusedBackpressure()).isPositive();
                for (int i = 0; i < 1_000; i++) {
                    assertThat(a.send(C, frame(a, 0, acceptedFrames, 1_024))).isFalse();
                }
            }
        }
    }

    @Test
    void sendToUnknownNodeIsRefusedAndReleasesTheFrame() throws Exception {
        FabricTransport a = start(A, (from, body) -> { });
        ByteBuf frame = frame(a, 0, 0, FRAME_BYTES);

        assertThat(a.send(0xDEAD, frame)).isFalse();

        assertThat(frame.refCnt()).isZero();
        assertThat(a.refusedUnknownPeer()).isEqualTo(1);
    }

    private static byte[] hello(long node, String cluster) {
        byte[] name = cluster.getBytes(StandardCharsets.UTF_8);
        ByteBuf hello = FabricHello.encode(UnpooledByteBufAllocator.DEFAULT, node, name);
        byte[] bytes = ByteBufUtil.getBytes(hello);
        hello.release();
        return bytes;
    }

    private static byte[] testFrame(int stream, long sequence) {
        ByteBuf frame = Unpooled.buffer();
        int start = Frames.begin(frame, FabricLayout.REPLICA_WRITE);
        frame.writeIntLE(stream).writeLongLE(sequence);
        byte[] bytes = ByteBufUtil.getBytes(Frames.end(frame, start));
        frame.release();
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out = ByteBuffer.allocate(Stream.of(parts).mapToInt(part -> part.length).sum());
        Stream.of(parts).forEach(out::put);
        return out.array();
    }

    static Stream<Arguments> malformed() {
        byte[] oversized = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(FabricLayout.BODY_BYTES_MAX + 1).array();
        byte[] shortHello = {3, 0, 0, 0, FabricLayout.HELLO, 1, 2};
        return Stream.of(
                Arguments.of("a frame before HELLO", concat(testFrame(0, 0), testFrame(0, 1))),
                Arguments.of("HELLO of another cluster", concat(hello(C, "other-cluster"), testFrame(0, 0))),
                Arguments.of("truncated HELLO", concat(shortHello, testFrame(0, 0))),
                Arguments.of("oversized length", oversized),
                Arguments.of("oversized length after HELLO", concat(hello(C, CLUSTER), oversized)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedConnectionClosesAloneAndDeliversNothing(String name, byte[] bytes) throws Exception {
        SequenceChecker checker = new SequenceChecker();
        FabricTransport b = start(B, checker);
        FabricTransport a = start(A, (from, body) -> { });
        sendStream(a, B, 0, 0, 10);
        await(() -> checker.frames() == 10, "frames before the bad connection");

        assertThat(closedAfterWriting(b.boundAddresses().getFirst(), bytes)).as("closed after " + name).isTrue();
        sendStream(a, B, 0, 10, 20);

        await(() -> checker.frames() == 20, "frames after the bad connection");
        assertThat(checker.firstViolation()).isNull();
        assertThat(checker.senders()).containsExactly(A);
        assertThat(b.connectionsRejected()).isEqualTo(1);
        assertThat(a.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void handlerThrowingClosesOnlyThatConnection() throws Exception {
        SequenceChecker checker = new SequenceChecker();
        FabricTransport b = start(B, checker);
        FabricTransport a = start(A, (from, body) -> { });
        FabricTransport c = start(C, (from, body) -> { });
        sendStream(a, B, 0, 0, 10);
        sendStream(c, B, 0, 0, 10);
        await(() -> checker.frames() == 20, "frames from A and C");

        sendRetrying(c, B, POISON_STREAM, 0, FRAME_BYTES);
        await(() -> b.connectionsRejected() == 1, "C's connection to be closed");
        sendStream(a, B, 0, 10, 20);
        for (long probe = 0; checker.probes(C) == 0; probe++) {
            c.send(B, frame(c, PROBE_STREAM, probe, FRAME_BYTES)); // lost until C notices and reconnects
            sleepMs(10);
        }

        await(() -> checker.next(A, 0) == 20, "A's frames after C's poison");
        assertThat(checker.firstViolation()).isNull();
        assertThat(checker.poisoned()).isEqualTo(1);
        assertThat(a.connectionsOpened()).isEqualTo(1);
        assertThat(c.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void framesAfterAThrowOnTheSameConnectionNeverReachTheHandler() throws Exception {
        SequenceChecker checker = new SequenceChecker();
        FabricTransport b = start(B, checker);
        byte[] bytes = concat(hello(C, CLUSTER), testFrame(POISON_STREAM, 0), testFrame(0, 0), testFrame(0, 1));

        assertThat(closedAfterWriting(b.boundAddresses().getFirst(), bytes)).isTrue();

        assertThat(checker.poisoned()).isEqualTo(1);
        assertThat(checker.frames()).isZero();
        assertThat(b.framesReceived()).isEqualTo(1);
    }
}
