package io.terndb.cluster.net;

import static io.terndb.cluster.net.NetTestSupport.LOOPBACK_ANY_PORT;
import static io.terndb.cluster.net.NetTestSupport.await;
import static io.terndb.cluster.net.NetTestSupport.closedAfterWriting;
import static io.terndb.cluster.net.NetTestSupport.freePort;
import static io.terndb.cluster.net.NetTestSupport.loopbackEndpoint;
import static io.terndb.cluster.net.NetTestSupport.sleepMs;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.terndb.cluster.message.ControlCodec;
import io.terndb.cluster.message.ControlLayout;
import io.terndb.cluster.message.ControlMessage;
import io.terndb.cluster.message.ControlMessage.Commit;
import io.terndb.cluster.message.ControlMessage.Heartbeat;
import io.terndb.cluster.message.NodeEndpoints;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MeshTransportTest {

    private static EventLoopGroup group;
    private final List<MeshTransport> started = new ArrayList<>();

    /** What a mesh hands its listener, for the test thread to wait on. */
    private static final class Inbox implements MeshTransport.Listener {
        final BlockingQueue<ControlMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<String> unreachable = new LinkedBlockingQueue<>();

        @Override
        public void received(ControlMessage message) {
            messages.add(message);
        }

        @Override
        public void unreachable(String endpoint) {
            unreachable.add(endpoint);
        }

        ControlMessage next() throws InterruptedException {
            return messages.poll(NetTestSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @BeforeAll
    static void startEventLoops() {
        group = NetChannels.newEventLoopGroup(2, "mesh-test");
    }

    @AfterAll
    static void stopEventLoops() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void closeTransports() {
        started.forEach(MeshTransport::close);
    }

    private MeshTransport start(List<String> seeds, Inbox inbox) throws IOException {
        return start(seeds, inbox, ConnectSettings.DEFAULTS);
    }

    private MeshTransport start(List<String> seeds, Inbox inbox, ConnectSettings settings) throws IOException {
        MeshTransport mesh = MeshTransport.start(List.of(LOOPBACK_ANY_PORT), seeds, inbox, group, settings);
        started.add(mesh);
        return mesh;
    }

    private static String endpointOf(MeshTransport mesh) {
        return Endpoints.format(mesh.boundAddresses().getFirst());
    }

    private static Heartbeat heartbeat(long from, String endpoint) {
        return new Heartbeat(from, "test-cluster", 0x1234_5678_9ABCL, new long[] {from, 0xB2}, new long[] {0xB2},
                new NodeEndpoints(endpoint, "127.0.0.1:3001", List.of("127.0.0.1:3000", "[::1]:3000")),
                List.of("127.0.0.1:4002"));
    }

    @Test
    void broadcastReachesTheSeedDecodedEqual() throws Exception {
        Inbox inboxOfB = new Inbox();
        MeshTransport b = start(List.of(), inboxOfB);
        MeshTransport a = start(List.of(endpointOf(b)), new Inbox());
        Heartbeat heartbeat = heartbeat(0xA1, endpointOf(a));

        a.broadcast(heartbeat); // before any connection: kept until connected

        assertThat(inboxOfB.next()).isInstanceOf(Heartbeat.class).usingRecursiveComparison().isEqualTo(heartbeat);
        assertThat(a.messagesSent()).isEqualTo(1);
        assertThat(b.messagesReceived()).isEqualTo(1);
        assertThat(a.messagesDropped()).isZero();
    }

    @Test
    void broadcastGoesOnlyToEndpointsReached() throws Exception {
        Inbox inboxOfA = new Inbox();
        MeshTransport a = start(List.of(), inboxOfA);
        MeshTransport b = start(List.of(), new Inbox());

        b.broadcast(heartbeat(0xB2, endpointOf(b)));
        assertThat(inboxOfA.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();

        b.reach(endpointOf(a));
        b.reach(endpointOf(a)); // idempotent: still one connection
        Heartbeat heartbeat = heartbeat(0xB2, endpointOf(b));
        b.broadcast(heartbeat);

        assertThat(inboxOfA.next()).usingRecursiveComparison().isEqualTo(heartbeat);
        assertThat(b.connectionsOpened()).isEqualTo(1);
    }

    @Test
    void sendReachesOneEndpointWithoutAddingItToBroadcasts() throws Exception {
        Inbox inboxOfB = new Inbox();
        MeshTransport b = start(List.of(), inboxOfB);
        MeshTransport a = start(List.of(), new Inbox());
        Commit commit = new Commit(0xA1, 7, 0xC0FFEE, new long[] {0xA1, 0xB2});

        a.send(0xB2, endpointOf(b), commit);
        assertThat(inboxOfB.next()).usingRecursiveComparison().isEqualTo(commit);

        a.broadcast(heartbeat(0xA1, endpointOf(a)));
        assertThat(inboxOfB.messages.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void hostNameSeedIsLookedUpAndReached() throws Exception {
        Inbox inboxOfB = new Inbox();
        MeshTransport b = start(List.of(), inboxOfB);
        String byName = "localhost:" + b.boundAddresses().getFirst().getPort(); // b listens on the loopback
        MeshTransport a = start(List.of(byName), new Inbox());
        Heartbeat heartbeat = heartbeat(0xA1, endpointOf(a));

        a.broadcast(heartbeat);

        assertThat(inboxOfB.next()).usingRecursiveComparison().isEqualTo(heartbeat);
    }

    @Test
    void seedNobodyListensOnIsReportedUnreachable() throws Exception {
        String nobody = loopbackEndpoint(freePort());
        Inbox inbox = new Inbox();
        MeshTransport a = start(List.of(nobody), inbox);

        a.broadcast(heartbeat(0xA1, endpointOf(a)));

        assertThat(inbox.unreachable.poll(NetTestSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(nobody);
        assertThat(a.connectionsRefused()).isEqualTo(1);
        await(() -> a.messagesDropped() == 1, "the heartbeat kept for the refused connection to be dropped");
    }

    @Test
    void reconnectsNoMoreOftenThanTheInterval() throws Exception {
        String nobody = loopbackEndpoint(freePort());
        Inbox inbox = new Inbox();
        MeshTransport a = start(List.of(nobody), inbox, new ConnectSettings(1_000, 1_000));
        long startNs = System.nanoTime();

        for (int i = 0; i < 20; i++) {
            a.broadcast(heartbeat(0xA1, endpointOf(a)));
            sleepMs(15);
        }
        assertThat(inbox.unreachable.poll(NetTestSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        assertThat(inbox.unreachable.poll(NetTestSupport.PATIENCE.toMillis(), TimeUnit.MILLISECONDS)).isNotNull();
        long secondMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

        assertThat(secondMs).isGreaterThanOrEqualTo(900); // the second attempt waited for the interval
        assertThat(a.connectionsRefused()).isEqualTo(2);
        assertThat(firstMs).isLessThan(secondMs);
    }

    static Stream<Arguments> garbage() {
        SplittableRandom random = new SplittableRandom(20_240_601);
        byte[] noise = new byte[64];
        random.nextBytes(noise);
        noise[ControlLayout.FORMAT_OFFSET] = (byte) (ControlLayout.FORMAT + 1);

        ByteBuf heartbeat = Unpooled.buffer();
        ControlCodec.encode(heartbeat(0xC3, "127.0.0.1:1"), heartbeat);
        byte[] whole = ByteBufUtil.getBytes(heartbeat);
        heartbeat.release();
        byte[] truncatedBody = Arrays.copyOfRange(whole, ControlLayout.LENGTH_BYTES, whole.length - 9);

        byte[] unknownType = {ControlLayout.FORMAT, 99, 0, 0, 0, 0, 0, 0, 0, 1};
        byte[] oversized = ByteBuffer.allocate(16).putInt(ControlLayout.BODY_BYTES_MAX + 1).array();
        return Stream.of(
                Arguments.of("random body", frame(noise)),
                Arguments.of("truncated heartbeat", frame(truncatedBody)),
                Arguments.of("unknown type", frame(unknownType)),
                Arguments.of("oversized length", oversized));
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(ControlLayout.LENGTH_BYTES + body.length).putInt(body.length).put(body).array();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageClosesItsConnectionAndTheMeshKeepsServing(String name, byte[] bytes) throws Exception {
        Inbox inboxOfB = new Inbox();
        MeshTransport b = start(List.of(), inboxOfB);

        assertThat(closedAfterWriting(b.boundAddresses().getFirst(), bytes)).as("closed after " + name).isTrue();
        assertThat(b.connectionsRejected()).isEqualTo(1);
        assertThat(inboxOfB.messages).isEmpty();

        MeshTransport a = start(List.of(endpointOf(b)), new Inbox());
        Heartbeat heartbeat = heartbeat(0xA1, endpointOf(a));
        a.broadcast(heartbeat);
        assertThat(inboxOfB.next()).usingRecursiveComparison().isEqualTo(heartbeat);
    }
}
