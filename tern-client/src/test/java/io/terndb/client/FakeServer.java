package io.terndb.client;

import io.terndb.protocol.MessageLayout;
import io.terndb.protocol.ProtoHeader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A one-node Aerospike-protocol server small enough to misbehave on purpose, in the MockWebServer style: it
 * answers the info commands a client needs to seed and tend, and each data request according to the next scripted
 * {@link Behavior} (answer, stall, drop the connection, hold until released, or a result code). Every data reply
 * is a header-only record, generation 1; a batch gets its end marker only.
 */
final class FakeServer implements AutoCloseable {

    /**
     * {@code UNAVAILABLE}: a batch answers every row 11 (partition unavailable: the node does not serve it), then
     * LAST.
     */
    enum Behavior { ANSWER, STALL, DROP, HOLD, SERVER_TIMEOUT, BLOBS, UNAVAILABLE }

    /** Under {@link Behavior#BLOBS}, every fifth row (index % 5 == 4) answers KEY_NOT_FOUND. */
    static final int BLOB_MISSING_EVERY = 5;
    /** TCP writes of the BLOBS reply, small so that the client reads it in many pieces. */
    static final int BLOB_WRITE_BYTES = 1000;

    static final String NODE_NAME = "FAKE1";

    private final String nodeName;
    private volatile String replicas;
    private volatile String peers;
    private volatile int partitionGeneration = 1;
    private volatile int peersGeneration = 1;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final ConcurrentLinkedDeque<Behavior> script = new ConcurrentLinkedDeque<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Semaphore held = new Semaphore(0);
    final AtomicInteger dataRequests = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();
    private volatile Behavior defaultBehavior = Behavior.ANSWER;
    private volatile int blobBytes;
    private volatile int blobRecordsPerFrame = 1;
    private volatile boolean closed;

    FakeServer() throws IOException {
        this(NODE_NAME);
    }

    /** A node of the given name that owns every partition of namespace {@code test} and has no peers. */
    FakeServer(String nodeName) throws IOException {
        this.nodeName = nodeName;
        byte[] all = new byte[512];
        Arrays.fill(all, (byte) 0xFF);
        this.replicas = "test:0,1," + Base64.getEncoder().encodeToString(all);
        listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        this.peers = "[]";
        acceptor = Thread.ofPlatform().daemon().name("fake-server-accept").start(this::acceptLoop);
    }

    /** Replaces this node's {@code replicas} answer and bumps its partition generation. */
    void replicas(String value) {
        replicas = value;
        partitionGeneration++;
    }

    /** Replaces this node's peer list ({@code [[name,,[host:port]],...]}) and bumps its peers generation. */
    void peers(String list) {
        peers = list;
        peersGeneration++;
    }

    /** This node as a peer entry of another node's list. */
    String asPeer() {
        return "[" + nodeName + ",,[127.0.0.1:" + port() + "]]";
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The behaviors for the next data requests, in order; after them, {@link #otherwise}. */
    FakeServer script(Behavior... behaviors) {
        script.addAll(List.of(behaviors));
        return this;
    }

    /**
     * Under {@link Behavior#BLOBS}, a batch answers each row {@code i} with bin {@code b}, {@code bytes} bytes of
     * {@link #blobByte}, and bin {@code n} = i, {@code recordsPerFrame} records to a frame.
     */
    FakeServer blobs(int bytes, int recordsPerFrame) {
        blobBytes = bytes;
        blobRecordsPerFrame = recordsPerFrame;
        return this;
    }

    static byte blobByte(int row, int at) {
        return (byte) (row * 31 + at);
    }

    FakeServer otherwise(Behavior behavior) {
        defaultBehavior = behavior;
        return this;
    }

    /** Lets {@code count} HOLD requests answer. */
    void release(int count) {
        held.release(count);
    }

    /** Client connections open now. */
    int openConnections() {
        return sockets.size();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket socket = listener.accept();
                socket.setTcpNoDelay(true);
                accepted.incrementAndGet();
                sockets.add(socket);
                Thread.ofPlatform().daemon().name("fake-server-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream input = new DataInputStream(socket.getInputStream());
            OutputStream output = socket.getOutputStream();
            while (true) {
                long header = input.readLong();
                byte[] body = new byte[(int) ProtoHeader.bodyBytes(header)];
                input.readFully(body);
                if (ProtoHeader.type(header) == ProtoHeader.TYPE_INFO) {
                    output.write(infoReply(new String(body, StandardCharsets.UTF_8)));
                } else if (!answerData(input, output, body)) {
                    return;
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client closed, or the test dropped the connection
        } finally {
            sockets.remove(socket);
        }
    }

    /** Returns false when the connection must be dropped. */
    private boolean answerData(DataInputStream input, OutputStream output, byte[] request)
            throws IOException, InterruptedException {
        boolean batch = (request[1] & 0x08) != 0;
        dataRequests.incrementAndGet();
        Behavior behavior = script.pollFirst();
        switch (behavior == null ? defaultBehavior : behavior) {
            case ANSWER -> output.write(batch ? lastReply() : dataReply(0));
            case SERVER_TIMEOUT -> output.write(dataReply(io.terndb.protocol.ResultCode.TIMEOUT));
            case BLOBS -> writeInPieces(output, blobBatchReply(batchRowCount(request)));
            case UNAVAILABLE -> output.write(unavailableBatchReply(batchRowCount(request)));
            case DROP -> {
                return false;
            }
            case STALL -> {
                return waitForClose(input);
            }
            case HOLD -> {
                if (!held.tryAcquire(30, TimeUnit.SECONDS)) {
                    return false;
                }
                output.write(dataReply(0));
            }
        }
        return true;
    }

    /** Never answers: reads (and ignores) until the client gives up and closes the socket. */
    private static boolean waitForClose(DataInputStream input) throws IOException {
        while (input.read() >= 0) {
            // a stalled server swallows whatever else arrives
        }
        return false;
    }

    /** The row count of a batch request: its first field is the batch index (size, type, count, ...). */
    private static int batchRowCount(byte[] request) {
        return ByteBuffer.wrap(request).getInt(MessageLayout.HEADER_BYTES + 5);
    }

    /** Rows 0..rows-1 (the batch's keys all live here, so its indexes are exactly those), then LAST. */
    private byte[] blobBatchReply(int rows) {
        java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        int inFrame = 0;
        for (int row = 0; row < rows; row++) {
            frame.writeBytes(blobRecord(row));
            if (++inFrame == blobRecordsPerFrame) {
                appendFrame(reply, frame.toByteArray());
                frame.reset();
                inFrame = 0;
            }
        }
        frame.writeBytes(Arrays.copyOfRange(lastReply(), ProtoHeader.BYTES, lastReply().length));
        appendFrame(reply, frame.toByteArray());
        return reply.toByteArray();
    }

    /** Rows 0..rows-1 answered 11 (partition unavailable), then LAST, in one frame. */
    private static byte[] unavailableBatchReply(int rows) {
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        for (int row = 0; row < rows; row++) {
            ByteBuffer record = ByteBuffer.allocate(MessageLayout.HEADER_BYTES);
            record.put((byte) MessageLayout.HEADER_BYTES).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
            record.put((byte) io.terndb.protocol.ResultCode.PARTITION_UNAVAILABLE).putInt(0).putInt(0).putInt(row)
                    .putShort((short) 0).putShort((short) 0);
            frame.writeBytes(record.array());
        }
        frame.writeBytes(Arrays.copyOfRange(lastReply(), ProtoHeader.BYTES, lastReply().length));
        java.io.ByteArrayOutputStream reply = new java.io.ByteArrayOutputStream();
        appendFrame(reply, frame.toByteArray());
        return reply.toByteArray();
    }

    private byte[] blobRecord(int row) {
        boolean missing = row % BLOB_MISSING_EVERY == BLOB_MISSING_EVERY - 1;
        int blob = missing ? 0 : 4 + 4 + 1 + blobBytes;
        int number = missing ? 0 : 4 + 4 + 1 + 8;
        ByteBuffer record = ByteBuffer.allocate(MessageLayout.HEADER_BYTES + blob + number);
        record.put((byte) MessageLayout.HEADER_BYTES).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        record.put((byte) (missing ? io.terndb.protocol.ResultCode.KEY_NOT_FOUND : 0)).putInt(1).putInt(0)
                .putInt(row).putShort((short) 0).putShort((short) (missing ? 0 : 2));
        if (!missing) {
            record.putInt(4 + 1 + blobBytes).put((byte) 1).put((byte) 4).put((byte) 0).put((byte) 1).put((byte) 'b');
            for (int at = 0; at < blobBytes; at++) {
                record.put(blobByte(row, at));
            }
            record.putInt(4 + 1 + 8).put((byte) 1).put((byte) 1).put((byte) 0).put((byte) 1).put((byte) 'n')
                    .putLong(row);
        }
        return record.array();
    }

    private static void appendFrame(java.io.ByteArrayOutputStream reply, byte[] body) {
        reply.writeBytes(ByteBuffer.allocate(8).putLong(ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, body.length))
                .array());
        reply.writeBytes(body);
    }

    private static void writeInPieces(OutputStream output, byte[] reply) throws IOException {
        for (int at = 0; at < reply.length; at += BLOB_WRITE_BYTES) {
            output.write(reply, at, Math.min(BLOB_WRITE_BYTES, reply.length - at));
            output.flush();
        }
    }

    /** A batch answered with its end marker only: every row stays unanswered. */
    private static byte[] lastReply() {
        byte[] reply = dataReply(0);
        reply[ProtoHeader.BYTES + 3] = 0x01; // info3 LAST
        return reply;
    }

    private static byte[] dataReply(int resultCode) {
        ByteBuffer reply = ByteBuffer.allocate(ProtoHeader.BYTES + MessageLayout.HEADER_BYTES);
        reply.putLong(ProtoHeader.encode(ProtoHeader.TYPE_AS_MSG, MessageLayout.HEADER_BYTES));
        reply.put((byte) MessageLayout.HEADER_BYTES).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        reply.put((byte) resultCode).putInt(1).putInt(0).putInt(0).putShort((short) 0).putShort((short) 0);
        return reply.array();
    }

    private byte[] infoReply(String request) {
        StringBuilder reply = new StringBuilder();
        for (String command : request.split("\n")) {
            if (!command.isEmpty()) {
                reply.append(command).append('\t').append(infoValue(command)).append('\n');
            }
        }
        byte[] text = reply.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(ProtoHeader.BYTES + text.length);
        frame.putLong(ProtoHeader.encode(ProtoHeader.TYPE_INFO, text.length)).put(text);
        return frame.array();
    }

    private String infoValue(String command) {
        return switch (command) {
            case "node" -> nodeName;
            case "features" -> "batch-any;pscans;peers;replicas";
            case "partition-generation" -> Integer.toString(partitionGeneration);
            case "peers-generation" -> Integer.toString(peersGeneration);
            case "peers-clear-std" -> peersGeneration + "," + port() + "," + peers;
            case "replicas" -> replicas;
            default -> "ERROR:4:unrecognized command";
        };
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
