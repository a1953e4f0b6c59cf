package io.terndb.cluster.net;

import io.netty.buffer.ByteBuf;
import io.terndb.cluster.fabric.FabricFormatException;
import io.terndb.cluster.fabric.FabricLayout;
import io.terndb.cluster.fabric.Frames;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Test frames that carry a stream number and a sequence number, and a handler that checks each (sender, stream)
 * arrives in sequence with nothing missing or repeated.
 */
final class FabricTesting {

    /** A frame of this stream makes the handler throw, as for a malformed frame. */
    static final int POISON_STREAM = -1;
    /** Frames of this stream are counted but not checked: probes sent until a connection is up, some lost. */
    static final int PROBE_STREAM = -2;
    static final int HEADER_BYTES = FabricLayout.LENGTH_BYTES + 1 + Integer.BYTES + Long.BYTES;

    private FabricTesting() {
    }

    static ByteBuf frame(FabricTransport fabric, int stream, long sequence, int frameBytes) {
        ByteBuf frame = fabric.allocate(frameBytes);
        int start = Frames.begin(frame, FabricLayout.REPLICA_WRITE);
        frame.writeIntLE(stream);
        frame.writeLongLE(sequence);
        frame.writeZero(Math.max(0, frameBytes - HEADER_BYTES));
        return Frames.end(frame, start);
    }

    /** Sends, retrying while the peer's queue is full; fails if it stays full for seconds. */
    static void sendRetrying(FabricTransport fabric, long node, int stream, long sequence, int frameBytes) {
        long deadlineNs = System.nanoTime() + NetTestSupport.PATIENCE.toNanos();
        while (!fabric.send(node, frame(fabric, stream, sequence, frameBytes))) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new AssertionError("node " + Long.toHexString(node) + " refused for seconds");
            }
            Thread.onSpinWait();
        }
    }

    /** Checks the sequence of every (sender, stream); throws on the poison stream. */
    static final class SequenceChecker implements FabricTransport.FrameHandler {
        private record Stream(long from, int stream) {
        }

        private final Map<Stream, Long> next = new HashMap<>();
        private final Set<Long> senders = new HashSet<>();
        private final Map<Long, Integer> probes = new HashMap<>();
        private long frames;
        private String firstViolation;
        private int poisoned;

        @Override
        public synchronized void received(long from, ByteBuf body) {
            int type = body.readUnsignedByte();
            int stream = body.readIntLE();
            long sequence = body.readLongLE();
            if (stream == POISON_STREAM) {
                poisoned++;
                throw new FabricFormatException("poison frame from " + Long.toHexString(from));
            }
            senders.add(from);
            frames++;
            if (stream == PROBE_STREAM) {
                probes.merge(from, 1, Integer::sum);
                return;
            }
            Stream key = new Stream(from, stream);
            long expected = next.getOrDefault(key, 0L);
            if ((type != FabricLayout.REPLICA_WRITE || sequence != expected) && firstViolation == null) {
                firstViolation = "from " + Long.toHexString(from) + " stream " + stream + ": type " + type
                        + " sequence " + sequence + ", expected " + expected;
            }
            next.put(key, sequence + 1);
        }

        synchronized long frames() {
            return frames;
        }

        synchronized long next(long from, int stream) {
            return next.getOrDefault(new Stream(from, stream), 0L);
        }

        synchronized int probes(long from) {
            return probes.getOrDefault(from, 0);
        }

        synchronized String firstViolation() {
            return firstViolation;
        }

        synchronized Set<Long> senders() {
            return Set.copyOf(senders);
        }

        synchronized int poisoned() {
            return poisoned;
        }
    }
}
