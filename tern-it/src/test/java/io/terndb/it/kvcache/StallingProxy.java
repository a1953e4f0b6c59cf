package io.terndb.it.kvcache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a real server that can hold back the server's replies: a slow server, as a client sees
 * it, without touching the server. While stalled, bytes from the server wait in the proxy; released, they flow on
 * in order. Requests always pass. It also counts the reply bytes, to show how much a command pulls.
 */
final class StallingProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;
    private static final long STALL_POLL_MS = 2;

    private final ServerSocket listener;
    private final int serverPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong replyBytes = new AtomicLong();
    private volatile boolean stalled;
    private volatile boolean closed;

    StallingProxy(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Bytes the server has sent to clients through the proxy so far. */
    long replyBytes() {
        return replyBytes.get();
    }

    void stall() {
        stalled = true;
    }

    void release() {
        stalled = false;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server, false));
                Thread.ofVirtual().start(() -> pump(server, client, true));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void pump(Socket from, Socket to, boolean replies) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                while (replies && stalled && !closed) {
                    Thread.sleep(STALL_POLL_MS);
                }
                out.write(buffer, 0, read);
                if (replies) {
                    replyBytes.addAndGet(read);
                }
            }
        } catch (IOException | InterruptedException e) {
            // one side closed: the other is closed with it below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(StallingProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
