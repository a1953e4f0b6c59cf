package io.terndb.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free TCP ports on the loopback interface. A port is found by binding {@code 127.0.0.1:0} and closing the socket
 * again; within one JVM a port is never handed out twice, so servers started by the same test run cannot collide
 * with each other (another process may still take the port before the server binds it: that race is accepted).
 */
public final class FreePorts {

    private static final int ATTEMPTS_MAX = 1000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** Returns a loopback port that was free a moment ago and has not been returned before in this JVM. */
    public static synchronized int next() {
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            int port = bindAndRelease();
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no unused free port found after " + ATTEMPTS_MAX + " attempts");
    }

    private static int bindAndRelease() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port", e);
        }
    }
}
