package io.terndb.client.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.ClientResultCode;
import io.terndb.client.TernException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.metrics.NodeMetrics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sync pool: reuse, the max bound, minimum upkeep, idle trimming, and stale connections. */
class ConnectionPoolTest {

    private ServerSocket listener;
    private final List<Socket> accepted = new ArrayList<>();
    private final Metrics metrics = new Metrics();
    private Thread acceptor;

    @BeforeEach
    void listen() throws Exception {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Socket socket = listener.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                }
            } catch (Exception e) {
                // listener closed
            }
        });
    }

    @AfterEach
    void close() throws Exception {
        listener.close();
        synchronized (accepted) {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
        acceptor.join();
    }

    private ConnectionPool pool(int min, int max, long maxIdleNs) {
        return new ConnectionPool("N", new InetSocketAddress(InetAddress.getLoopbackAddress(),
                listener.getLocalPort()), min, max, maxIdleNs, 1_000, 0, metrics, new NodeMetrics("N"));
    }

    @Test
    void returnedConnectionIsReused() throws Exception {
        ConnectionPool pool = pool(0, 4, TimeUnit.SECONDS.toNanos(60));
        SyncConnection first = pool.borrow(TimeUnit.SECONDS.toNanos(1));
        pool.release(first);

        assertThat(pool.borrow(TimeUnit.SECONDS.toNanos(1))).isSameAs(first);
        assertThat(pool.openConnections()).isEqualTo(1);
    }

    @Test
    void borrowerWaitsForAConnectionAndGivesUpAtItsTimeout() throws Exception {
        ConnectionPool pool = pool(0, 1, TimeUnit.SECONDS.toNanos(60));
        SyncConnection only = pool.borrow(TimeUnit.SECONDS.toNanos(1));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            pool.release(only);
        });

        assertThat(pool.borrow(TimeUnit.SECONDS.toNanos(5))).isSameAs(only);
        assertThatThrownBy(() -> pool.borrow(TimeUnit.MILLISECONDS.toNanos(50))).isInstanceOf(TernException.class)
                .satisfies(e -> assertThat(((TernException) e).resultCode())
                        .isEqualTo(ClientResultCode.NO_MORE_CONNECTIONS));
    }

    @Test
    void maintainOpensTheMinimumAndTrimsIdleConnectionsAboveIt() throws Exception {
        ConnectionPool pool = pool(2, 10, TimeUnit.MILLISECONDS.toNanos(50));
        pool.maintain(System.nanoTime());
        assertThat(pool.openConnections()).isEqualTo(2);

        List<SyncConnection> borrowed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            borrowed.add(pool.borrow(TimeUnit.SECONDS.toNanos(1)));
        }
        borrowed.forEach(pool::release);
        assertThat(pool.openConnections()).isEqualTo(5);

        Thread.sleep(100);
        pool.maintain(System.nanoTime());
        assertThat(pool.openConnections()).isEqualTo(2);
        assertThat(metrics.connectionsClosed.sum()).isEqualTo(3);
    }

    @Test
    void connectionWithUnreadBytesIsNotReused() throws Exception {
        ConnectionPool pool = pool(0, 4, TimeUnit.SECONDS.toNanos(60));
        SyncConnection connection = pool.borrow(TimeUnit.SECONDS.toNanos(1));
        pool.release(connection);
        Thread.sleep(50);
        synchronized (accepted) {
            accepted.get(0).getOutputStream().write(1); // a stray late reply
        }
        Thread.sleep(50);

        assertThat(pool.borrow(TimeUnit.SECONDS.toNanos(1))).isNotSameAs(connection);
    }

    @Test
    void closedPoolRefusesBorrowers() {
        ConnectionPool pool = pool(0, 4, TimeUnit.SECONDS.toNanos(60));
        pool.close();

        assertThatThrownBy(() -> pool.borrow(TimeUnit.SECONDS.toNanos(1))).isInstanceOf(TernException.class)
                .satisfies(e -> assertThat(((TernException) e).resultCode())
                        .isEqualTo(ClientResultCode.SERVER_NOT_AVAILABLE));
    }
}
