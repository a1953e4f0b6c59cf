package io.terndb.cluster.sim;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.terndb.cluster.message.ControlCodec;
import io.terndb.cluster.message.ControlMessage;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The simulated network between simulated nodes, on one thread and a virtual clock. Control messages go through
 * their real codec, then are delayed at random (so they reorder), lost and duplicated at the configured rates. Data
 * frames travel on one FIFO connection per ordered pair, as on TCP; a connection breaks (its queued frames are lost)
 * when either end crashes or a partition separates them. A crashed node's endpoint refuses connections, which the
 * sender learns; a partitioned one is silent.
 */
final class SimNetwork {

    private record ControlDelivery(long atMs, long order, long from, long to, byte[] bytes) {
    }

    private record DataDelivery(long atMs, ByteBuf frame) {
    }

    private record Pair(long from, long to) {
    }

    interface Receiver {
        void control(long from, ControlMessage message);

        void data(long from, ByteBuf body);

        void unreachable(String endpoint);
    }

    static final int CONNECTION_FRAMES_MAX = 20_000;

    private final SplittableRandom random;
    private final double lossRate;
    private final double duplicateRate;
    private final int delayMsMax;
    private final PriorityQueue<ControlDelivery> control = new PriorityQueue<>(
            (a, b) -> a.atMs != b.atMs ? Long.compare(a.atMs, b.atMs) : Long.compare(a.order, b.order));
    private final Map<Pair, ArrayDeque<DataDelivery>> connections = new java.util.LinkedHashMap<>();
    private final Map<Long, Receiver> receivers = new HashMap<>();
    private final Set<Long> down = new HashSet<>();
    private final Map<Long, Integer> side = new HashMap<>();
    private long order;
    long nowMs;
    long controlSent;
    long controlLost;
    long dataFrames;

    SimNetwork(SplittableRandom random, double lossRate, double duplicateRate, int delayMsMax) {
        this.random = random;
        this.lossRate = lossRate;
        this.duplicateRate = duplicateRate;
        this.delayMsMax = delayMsMax;
    }

    void attach(long node, Receiver receiver) {
        receivers.put(node, receiver);
        down.remove(node);
    }

    void crash(long node) {
        down.add(node);
        breakConnectionsOf(node, null);
    }

    boolean isDown(long node) {
        return down.contains(node);
    }

    /** Splits the network: nodes in {@code isolated} reach each other but none of the others. */
    void partition(Set<Long> isolated) {
        for (long node : receivers.keySet()) {
            side.put(node, isolated.contains(node) ? 1 : 0);
        }
        for (long node : isolated) {
            breakConnectionsOf(node, isolated);
        }
    }

    void heal() {
        side.clear();
    }

    boolean connected(long a, long b) {
        return !down.contains(a) && !down.contains(b)
                && side.getOrDefault(a, 0).intValue() == side.getOrDefault(b, 0).intValue();
    }

    private void breakConnectionsOf(long node, Set<Long> keep) {
        connections.entrySet().removeIf(entry -> {
            Pair pair = entry.getKey();
            boolean involved = pair.from == node || pair.to == node;
            boolean kept = keep != null && keep.contains(pair.from) && keep.contains(pair.to);
            if (involved && !kept) {
                entry.getValue().forEach(delivery -> delivery.frame.release());
                return true;
            }
            return false;
        });
    }

    static String endpoint(long node) {
        return "sim:" + Long.toHexString(node);
    }

    static long nodeOf(String endpoint) {
        return Long.parseUnsignedLong(endpoint.substring(4), 16);
    }

    void sendControl(long from, String toEndpoint, ControlMessage message) {
        long to = nodeOf(toEndpoint);
        if (!receivers.containsKey(to)) {
            return;
        }
        controlSent++;
        if (down.contains(to)) {
            if (!down.contains(from)) {
                long at = nowMs + 1 + random.nextInt(delayMsMax + 1);
                control.add(new ControlDelivery(at, order++, to, from, null)); // connection refused
            }
            return;
        }
        if (!connected(from, to) || random.nextDouble() < lossRate) {
            controlLost++;
            return;
        }
        ByteBuf encoded = Unpooled.buffer();
        ControlCodec.encode(message, encoded);
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        int copies = random.nextDouble() < duplicateRate ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            control.add(new ControlDelivery(nowMs + random.nextInt(delayMsMax + 1), order++, from, to, bytes));
        }
    }

    boolean sendData(long from, long to, ByteBuf frame) {
        if (!connected(from, to) || !receivers.containsKey(to)) {
            frame.release();
            return false;
        }
        ArrayDeque<DataDelivery> queue = connections.computeIfAbsent(new Pair(from, to), p -> new ArrayDeque<>());
        if (queue.size() >= CONNECTION_FRAMES_MAX) {
            frame.release();
            return false;
        }
        long at = Math.max(queue.isEmpty() ? 0 : queue.peekLast().atMs, nowMs + 1);
        queue.add(new DataDelivery(at, frame));
        dataFrames++;
        return true;
    }

    ByteBufAllocator allocator() {
        return io.netty.buffer.UnpooledByteBufAllocator.DEFAULT;
    }

    /** Delivers everything due by {@code nowMs}. */
    void deliver() {
        while (!control.isEmpty() && control.peek().atMs <= nowMs) {
            ControlDelivery delivery = control.poll();
            Receiver receiver = receivers.get(delivery.to);
            if (down.contains(delivery.to) || receiver == null) {
                continue;
            }
            if (delivery.bytes == null) {
                receiver.unreachable(endpoint(delivery.from));
                continue;
            }
            ByteBuf body = Unpooled.wrappedBuffer(delivery.bytes, 4, delivery.bytes.length - 4);
            receiver.control(delivery.from, ControlCodec.decode(body));
        }
        for (Pair pair : new java.util.ArrayList<>(connections.keySet())) {
            ArrayDeque<DataDelivery> queue = connections.get(pair);
            while (queue != null && !queue.isEmpty() && queue.peek().atMs <= nowMs) {
                DataDelivery delivery = queue.poll();
                ByteBuf frame = delivery.frame;
                try {
                    frame.skipBytes(4);
                    if (!down.contains(pair.to)) {
                        receivers.get(pair.to).data(pair.from, frame);
                    }
                } finally {
                    frame.release();
                }
                if (connections.get(pair) != queue) {
                    break; // the connection broke while its frame was handled
                }
            }
        }
    }
}
