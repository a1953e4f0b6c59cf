package io.terndb.client.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncConnectionTest {

    /** A listener that never accepts: once its backlog is full, further connects hang until they time out. */
    @Test
    void aConnectThatHangsFailsWithATimeoutAfterTheConnectTimeout() throws Exception {
        List<SyncConnection> filling = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = (InetSocketAddress) listener.getLocalSocketAddress();
            SocketTimeoutException timeout = null;
            long elapsedMs = 0;
            for (int attempt = 0; attempt < 8 && timeout == null; attempt++) {
                long started = System.nanoTime();
                try {
                    filling.add(SyncConnection.open(address, 300));
                } catch (SocketTimeoutException e) {
                    timeout = e;
                    elapsedMs = (System.nanoTime() - started) / 1_000_000;
                }
            }
            assertThat(timeout).as("a connect past the backlog timed out").isNotNull();
            assertThat(timeout.getMessage()).contains("timed out after 300 ms");
            assertThat(elapsedMs).isBetween(250L, 5_000L);
        } finally {
            filling.forEach(SyncConnection::close);
        }
    }

    @Test
    void aRefusedConnectFailsAtOnceWithTheCause() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThatThrownBy(() -> SyncConnection.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                5_000)).isInstanceOf(java.net.ConnectException.class);
    }
}
