package io.terndb.cluster.net;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback addresses, free ports, waiting for conditions, and raw sockets that write bytes a transport must refuse. */
final class NetTestSupport {

    static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    static final Duration PATIENCE = Duration.ofSeconds(10);

    private NetTestSupport() {
    }

    /** A port nothing listens on (it was free a moment ago, and nothing in these tests binds at random). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    static String loopbackEndpoint(int port) {
        return Endpoints.format(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    static void await(BooleanSupplier condition, String what) {
        long deadlineNs = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                fail("waited " + PATIENCE.toSeconds() + " s for " + what);
            }
            sleepMs(2);
        }
    }

    static void sleepMs(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Writes {@code bytes} on a fresh connection and tells whether the other side closed it within the patience. */
    static boolean closedAfterWriting(InetSocketAddress address, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1_000);
            socket.setSoTimeout((int) PATIENCE.toMillis());
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            try {
                return in.read() == -1;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset: closed with our bytes unread, as an oversized length leaves them
            }
        }
    }
}
