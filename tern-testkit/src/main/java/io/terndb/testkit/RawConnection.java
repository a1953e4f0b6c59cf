package io.terndb.testkit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plain TCP connection to a server, for tests that speak the wire protocol by hand: send any bytes, read one
 * proto frame with a timeout, and tell a reply from a connection the server closed.
 *
 * <pre>{@code
 * try (RawConnection connection = RawConnection.open(port)) {
 *     connection.send(ProtoFrame.header(2, 9, 0));
 *     Optional<ProtoFrame> reply = connection.readFrameOrClosed(Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public final class RawConnection implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Replies bigger than this are refused by the reader, so a broken size field cannot exhaust the heap. */
    private static final long REPLY_BODY_BYTES_MAX = ProtoFrame.BODY_BYTES_MAX;

    private final Socket socket;
    private final InputStream input;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.input = socket.getInputStream();
    }

    /** Connects to {@code 127.0.0.1:port}. */
    public static RawConnection open(int port) throws IOException {
        return open("127.0.0.1", port, CONNECT_TIMEOUT);
    }

    public static RawConnection open(String host, int port, Duration connectTimeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), (int) connectTimeout.toMillis());
            return new RawConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Half-closes the connection: the server reads end-of-stream, this side can still read its answer. */
    public void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    public void sendInfo(String... commands) throws IOException {
        send(InfoText.request(commands));
    }

    /** Sends an info request and returns command → value from the reply. */
    public Map<String, String> info(Duration timeout, String... commands) throws IOException {
        sendInfo(commands);
        ProtoFrame reply = readFrame(timeout);
        if (reply.version() != ProtoFrame.VERSION || reply.type() != ProtoFrame.TYPE_INFO) {
            throw new IOException("info reply " + reply + " is not a version 2 info frame");
        }
        return InfoText.parseReply(reply.body());
    }

    /**
     * Reads one whole frame.
     *
     * @throws EOFException           if the peer closed the connection before a whole frame arrived
     * @throws SocketTimeoutException if no whole frame arrived within {@code timeout}
     */
    public ProtoFrame readFrame(Duration timeout) throws IOException {
        return readFrameOrClosed(timeout).orElseThrow(() -> new EOFException("connection closed by peer"));
    }

    /**
     * Reads one whole frame, or returns empty if the peer closed (end of stream or reset) before its first byte.
     *
     * @throws EOFException           if the peer closed the connection in the middle of a frame
     * @throws SocketTimeoutException if neither happened within {@code timeout}
     */
    public Optional<ProtoFrame> readFrameOrClosed(Duration timeout) throws IOException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        byte[] header = new byte[ProtoFrame.HEADER_BYTES];
        int first = readFully(header, deadlineNs);
        if (first == 0) {
            return Optional.empty();
        }
        if (first < header.length) {
            throw new EOFException("connection closed after " + first + " header bytes");
        }
        long size = ProtoFrame.sizeOf(header);
        if (size > REPLY_BODY_BYTES_MAX) {
            throw new IOException("reply announces bodyBytes=" + size + ", more than " + REPLY_BODY_BYTES_MAX);
        }
        byte[] body = new byte[(int) size];
        int read = readFully(body, deadlineNs);
        if (read < body.length) {
            throw new EOFException("connection closed after " + read + " of " + size + " body bytes");
        }
        return Optional.of(new ProtoFrame(Byte.toUnsignedInt(header[0]), Byte.toUnsignedInt(header[1]), body));
    }

    /**
     * Reads the frames of a multi-record reply (batch, scan) until the record flagged LAST.
     *
     * @return every record's header in order, the LAST record included
     * @throws SocketTimeoutException if the LAST record has not arrived within {@code timeout}
     */
    public List<AsMsgReply> readRecordsUntilLast(Duration timeout) throws IOException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        List<AsMsgReply> records = new ArrayList<>();
        while (records.isEmpty() || !records.getLast().isLast()) {
            ProtoFrame frame = readFrame(Duration.ofNanos(Math.max(1, deadlineNs - System.nanoTime())));
            records.addAll(AsMsgReply.parseRecords(frame.body()));
        }
        return records;
    }

    /**
     * Reads and discards until the peer closes the connection.
     *
     * @return true if the peer closed it within {@code timeout}, false if it was still open then
     */
    public boolean awaitClosedByPeer(Duration timeout) throws IOException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        byte[] sink = new byte[8192];
        try {
            while (true) {
                setReadTimeout(deadlineNs);
                if (input.read(sink) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    public boolean isClosedLocally() {
        return socket.isClosed();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** Returns how many bytes were read: {@code target.length}, or fewer if the peer closed first. */
    private int readFully(byte[] target, long deadlineNs) throws IOException {
        int read = 0;
        try {
            while (read < target.length) {
                setReadTimeout(deadlineNs);
                int count = input.read(target, read, target.length - read);
                if (count < 0) {
                    return read;
                }
                read += count;
            }
            return read;
        } catch (SocketException e) {
            return read;
        }
    }

    private void setReadTimeout(long deadlineNs) throws IOException {
        long remainingNs = deadlineNs - System.nanoTime();
        if (remainingNs <= 0) {
            throw new SocketTimeoutException("deadline passed");
        }
        long remainingMs = Math.max(1, Duration.ofNanos(remainingNs).toMillis());
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMs));
    }
}
