package io.terndb.cluster.net;

import static io.terndb.cluster.net.NetTestSupport.LOOPBACK_ANY_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.terndb.cluster.net.FabricTesting.SequenceChecker;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Frames per second from one sending thread to one peer over loopback, sender and receiver in this process on
 * one event-loop group of two threads. {@code -Dfabric.frames=N -Dfabric.frameBytes=B} change the measured run
 * (1,000,000 frames of 100 bytes, length prefix included, by default), which follows a warm-up run of
 * {@code -Dfabric.warmupFrames} (200,000); the result is printed.
 */
class FabricThroughputTest {

    private static final long A = 0xA1;
    private static final long B = 0xB2;

    @Test
    void oneMillionSmallFramesOverLoopback() throws Exception {
        int frameBytes = Integer.getInteger("fabric.frameBytes", 100);
        run(Long.getLong("fabric.warmupFrames", 200_000), frameBytes); // the JIT compiles the send and receive paths
        Result result = run(Long.getLong("fabric.frames", 1_000_000), frameBytes);
        System.out.println(result);
        assertThat(result.violation).isNull();
    }

    public static void main(String[] arguments) throws Exception {
        long frames = arguments.length > 0 ? Long.parseLong(arguments[0]) : 1_000_000;
        int frameBytes = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 100;
        System.out.println(run(frames, frameBytes));
    }

    private record Result(long frames, int frameBytes, long elapsedNs, long refusals, String violation) {
        @Override
        public String toString() {
            double seconds = elapsedNs / 1e9;
            return String.format(Locale.ROOT, "fabric loopback: %,d frames of %d bytes in %.2f s: %,.0f frames/s, "
                    + "%.1f MB/s (%,d sends refused for backpressure and retried)", frames, frameBytes, seconds,
                    frames / seconds, frames * frameBytes / seconds / 1e6, refusals);
        }
    }

    private static Result run(long frames, int frameBytes) throws Exception {
        EventLoopGroup group = NetChannels.newEventLoopGroup(2, "fabric-throughput");
        Map<Long, String> endpoints = new ConcurrentHashMap<>();
        SequenceChecker checker = new SequenceChecker();
        try (FabricTransport b = FabricTransport.start(B, "bench", List.of(LOOPBACK_ANY_PORT), endpoints::get,
                checker, group, 64L << 20);
                FabricTransport a = FabricTransport.start(A, "bench", List.of(LOOPBACK_ANY_PORT), endpoints::get,
                        (from, body) -> { }, group, 64L << 20)) {
            endpoints.put(B, Endpoints.format(b.boundAddresses().getFirst()));
            FabricTesting.sendRetrying(a, B, 0, 0, frameBytes); // connect first: the run measures frames
            NetTestSupport.await(() -> checker.frames() == 1, "the first frame");
            long startNs = System.nanoTime();
            for (long sequence = 1; sequence <= frames; sequence++) {
                FabricTesting.sendRetrying(a, B, 0, sequence, frameBytes);
            }
            long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (checker.frames() < frames + 1 && System.nanoTime() - deadlineNs < 0) {
                Thread.onSpinWait();
            }
            long elapsedNs = System.nanoTime() - startNs;
            assertThat(checker.frames()).isEqualTo(frames + 1);
            return new Result(frames, frameBytes, elapsedNs, a.refusedBackpressure(), checker.firstViolation());
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
