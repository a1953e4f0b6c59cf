package io.terndb.client.internal.net;

import io.terndb.client.internal.codec.Bytes;
import io.terndb.client.internal.codec.CommandBuffer;
import io.terndb.client.internal.codec.ParseException;
import io.terndb.protocol.ProtoHeader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One blocking socket to a node with its own request and reply buffers, reused for every command it carries. Reads
 * take whatever the socket has (usually a whole reply in one call) into the reply buffer, then hand out frames.
 * Used by one thread at a time (pooled); safe on virtual threads, which park on socket I/O.
 *
 * <p>Command deadlines are not socket timeouts: a socket with a read timeout costs three system calls per reply on
 * a platform thread (a read that finds nothing, a poll, the read), a plain blocking read one. So data commands
 * {@link #arm} a deadline instead, and a watchdog thread ({@code SyncWatchdog}) closes a connection
 * still armed past it, which ends the blocked read; {@link #disarm} tells the owner whether that happened.
 */
public final class SyncConnection implements AutoCloseable {

    static final int TIMEOUT_SLACK_MS = 20;
    private static final int IDLE = 0;
    private static final int ARMED = 1;
    private static final int EXPIRED = 2;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SyncConnection.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** IDLE, ARMED (a command waits, see {@link #deadlineNs}) or EXPIRED (the watchdog closed it). */
    private volatile int state;
    private volatile long deadlineNs;

    private final Socket socket;
    private final InputStream input;
    private final OutputStream output;
    private final CommandBuffer request = new CommandBuffer();
    private byte[] reply = new byte[CommandBuffer.INITIAL_BYTES];
    private int replyStart;
    private int replyFilled;
    private int timeoutMs = -1;
    long lastUsedNs;

    private SyncConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.input = socket.getInputStream();
        this.output = socket.getOutputStream();
    }

    public static SyncConnection open(InetSocketAddress address, int connectTimeoutMs) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            connect(socket, address, connectTimeoutMs);
            return new SyncConnection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Connects without giving the socket a timeout: a timed connect leaves the JDK's socket in non-blocking mode for
     * good, and every later read then costs three system calls (a read that finds nothing, a poll, the read) instead
     * of one. A virtual thread closes the socket instead if the connect outlasts {@code timeoutMs}.
     */
    private static void connect(Socket socket, InetSocketAddress address, int timeoutMs) throws IOException {
        AtomicInteger outcome = new AtomicInteger(CONNECTING);
        Thread guard = Thread.ofVirtual().name("tern-connect-guard").start(() -> {
            try {
                Thread.sleep(Math.max(1, timeoutMs));
            } catch (InterruptedException e) {
                return; // connected (or failed) in time
            }
            if (outcome.compareAndSet(CONNECTING, TIMED_OUT)) {
                closeQuietly(socket);
            }
        });
        try {
            socket.connect(address);
        } catch (IOException e) {
            if (outcome.get() == TIMED_OUT) {
                throw new SocketTimeoutException("connect to " + address + " timed out after " + timeoutMs + " ms");
            }
            throw e;
        } finally {
            guard.interrupt();
        }
        if (!outcome.compareAndSet(CONNECTING, CONNECTED)) {
            throw new SocketTimeoutException("connect to " + address + " timed out after " + timeoutMs + " ms");
        }
    }

    private static final int CONNECTING = 0;
    private static final int CONNECTED = 1;
    private static final int TIMED_OUT = 2;

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the connect fails with the close; nothing else to do
        }
    }

    /** The buffer the next request is encoded into. */
    public CommandBuffer request() {
        return request;
    }

    public void send() throws IOException {
        output.write(request.data(), 0, request.position());
    }

    /**
     * How long a read may block before {@link java.net.SocketTimeoutException}; 0 = forever. A wait already set that
     * is at most {@value #TIMEOUT_SLACK_MS} ms longer is kept: the remaining total time shrinks by a little at every
     * command, and resetting the socket option each time would cost more than the slack is worth.
     */
    public void timeoutMs(int milliseconds) throws IOException {
        boolean closeEnough = timeoutMs > 0 && milliseconds > 0 && timeoutMs >= milliseconds
                && timeoutMs - milliseconds <= TIMEOUT_SLACK_MS;
        if (milliseconds != timeoutMs && !closeEnough) {
            socket.setSoTimeout(milliseconds);
            timeoutMs = milliseconds;
        }
    }

    /**
     * Reads the next frame; returns its header (see {@link ProtoHeader}). Its body is then at
     * {@link #bodyOffset()} in {@link #replyData()}, valid until the next call.
     */
    public long readFrame(int expectedType) throws IOException {
        fill(ProtoHeader.BYTES);
        long header = Bytes.getLong(reply, replyStart);
        long bodyBytes = ProtoHeader.bodyBytes(header);
        if (ProtoHeader.version(header) != ProtoHeader.VERSION || ProtoHeader.type(header) != expectedType
                || bodyBytes > ProtoHeader.BODY_BYTES_MAX) {
            throw new ParseException("reply header 0x" + Long.toHexString(header) + " (expected version "
                    + ProtoHeader.VERSION + " type " + expectedType + ")");
        }
        fill(ProtoHeader.BYTES + (int) bodyBytes);
        return header;
    }

    public byte[] replyData() {
        return reply;
    }

    public int bodyOffset() {
        return replyStart + ProtoHeader.BYTES;
    }

    /**
     * Marks the frame read by {@link #readFrame} as consumed. Its bytes stay where they are until the next read, so
     * the caller may still parse them.
     */
    public void consume(long header) {
        replyStart += ProtoHeader.BYTES + (int) ProtoHeader.bodyBytes(header);
        if (replyStart == replyFilled) {
            replyStart = 0;
            replyFilled = 0;
        }
    }

    /** Ensures {@code bytes} bytes from the current frame start are in the reply buffer. */
    private void fill(int bytes) throws IOException {
        if (replyStart + bytes > reply.length) {
            byte[] larger = reply.length >= bytes ? reply : new byte[Math.max(bytes, reply.length * 2)];
            System.arraycopy(reply, replyStart, larger, 0, replyFilled - replyStart);
            replyFilled -= replyStart;
            replyStart = 0;
            reply = larger;
        }
        while (replyFilled - replyStart < bytes) {
            int read = input.read(reply, replyFilled, reply.length - replyFilled);
            if (read < 0) {
                throw new EOFException("server closed the connection");
            }
            replyFilled += read;
        }
    }

    /** The owner starts waiting on the socket until {@code deadline} (a {@link System#nanoTime()} value). */
    public void arm(long deadline) {
        deadlineNs = deadline;
        state = ARMED;
    }

    /** Moves the deadline of an armed connection (a stream that goes on: each frame gets its own wait). */
    public void extend(long deadline) {
        deadlineNs = deadline;
    }

    /** The owner stopped waiting; returns false if the watchdog expired (and closed) the connection first. */
    public boolean disarm() {
        return STATE.compareAndSet(this, ARMED, IDLE);
    }

    /** Whether the watchdog closed this connection because its deadline passed. */
    public boolean expired() {
        return state == EXPIRED;
    }

    /** Watchdog: closes the connection if it is armed past its deadline. */
    void expireIfDue(long nowNs) {
        if (state == ARMED && nowNs - deadlineNs >= 0 && STATE.compareAndSet(this, ARMED, EXPIRED)) {
            close();
        }
    }

    /** Whether the connection may carry a command: open, and with no stray bytes waiting (a stale reply). */
    boolean isUsable() {
        try {
            return !socket.isClosed() && replyFilled == replyStart && input.available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Drops any partly read reply (after a failure the connection is closed anyway). */
    void clearReply() {
        replyStart = 0;
        replyFilled = 0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with the socket
        }
    }
}
