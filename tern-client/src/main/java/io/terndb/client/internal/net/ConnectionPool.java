package io.terndb.client.internal.net;

import io.terndb.client.ClientResultCode;
import io.terndb.client.TernException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.metrics.NodeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sync connections to one node. A semaphore with {@code max} permits bounds the connections in use, so callers
 * beyond it wait (parking, also on virtual threads) until one is returned or their timeout passes. Idle
 * connections are reused most-recently-used first, so the ones at the far end age and are trimmed by the tender.
 */
public final class ConnectionPool implements AutoCloseable {

    private final String nodeName;
    private final InetSocketAddress address;
    private final int min;
    private final int max;
    private final long maxIdleNs;
    private final int connectTimeoutMs;
    private final Metrics metrics;
    private final NodeMetrics nodeMetrics;
    private final Semaphore permits;
    private final ConcurrentLinkedDeque<SyncConnection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;

    public ConnectionPool(String nodeName, InetSocketAddress address, int min, int max, long maxIdleNs,
            int connectTimeoutMs, Metrics metrics, NodeMetrics nodeMetrics) {
        this.nodeName = nodeName;
        this.address = address;
        this.min = min;
        this.max = max;
        this.maxIdleNs = maxIdleNs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.metrics = metrics;
        this.nodeMetrics = nodeMetrics;
        this.permits = new Semaphore(max);
    }

    /**
     * A connection for one command, waiting up to {@code timeoutNs} (0 = the connect timeout) for a free slot.
     *
     * @throws TernException NO_MORE_CONNECTIONS if none came free in time, SERVER_NOT_AVAILABLE when closed
     * @throws IOException if a new connection could not be made
     */
    public SyncConnection borrow(long timeoutNs) throws IOException, InterruptedException {
        long waitNs = timeoutNs > 0 ? timeoutNs : TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        if (!permits.tryAcquire() && !permits.tryAcquire(waitNs, TimeUnit.NANOSECONDS)) {
            throw new TernException(ClientResultCode.NO_MORE_CONNECTIONS, "all " + max
                    + " connections in use", nodeName, false);
        }
        try {
            checkOpen();
            SyncConnection connection;
            long nowNs = System.nanoTime();
            while ((connection = idle.pollFirst()) != null) {
                if (nowNs - connection.lastUsedNs < maxIdleNs && connection.isUsable()) {
                    return connection;
                }
                closeConnection(connection);
            }
            int connectMs = (int) Math.max(1, Math.min(connectTimeoutMs, TimeUnit.NANOSECONDS.toMillis(waitNs)));
            return openConnection(connectMs);
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection after a complete reply. */
    public void release(SyncConnection connection) {
        connection.lastUsedNs = System.nanoTime();
        if (closed) {
            closeConnection(connection);
        } else {
            idle.offerFirst(connection);
        }
        permits.release();
    }

    /** Closes a connection that failed or holds a partial reply. */
    public void discard(SyncConnection connection) {
        closeConnection(connection);
        permits.release();
    }

    /**
     * The tender's upkeep: closes connections idle longer than {@code maxIdle} while more than {@code min} are
     * open, then opens connections up to {@code min}.
     */
    public void maintain(long nowNs) {
        SyncConnection oldest;
        while (open.get() > min && (oldest = idle.pollLast()) != null) {
            if (nowNs - oldest.lastUsedNs < maxIdleNs) {
                idle.offerLast(oldest);
                break;
            }
            closeConnection(oldest);
        }
        while (!closed && open.get() < min) {
            try {
                SyncConnection connection = openConnection(connectTimeoutMs);
                connection.lastUsedNs = nowNs;
                idle.offerLast(connection);
            } catch (IOException e) {
                return; // the node's health is judged by tending; commands will try again
            }
        }
    }

    private SyncConnection openConnection(int connectMs) throws IOException {
        SyncConnection connection = SyncConnection.open(address, connectMs);
        open.incrementAndGet();
        metrics.connectionsOpened.increment();
        nodeMetrics.connectionsOpen.increment();
        return connection;
    }

    private void closeConnection(SyncConnection connection) {
        connection.close();
        open.decrementAndGet();
        metrics.connectionsClosed.increment();
        nodeMetrics.connectionsOpen.decrement();
    }

    private void checkOpen() {
        if (closed) {
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "connection pool closed", nodeName,
                    false);
        }
    }

    public int openConnections() {
        return open.get();
    }

    public int idleConnections() {
        return idle.size();
    }

    /** Closes the idle connections now; connections in use are closed when returned. */
    @Override
    public void close() {
        closed = true;
        SyncConnection connection;
        while ((connection = idle.pollFirst()) != null) {
            closeConnection(connection);
        }
    }
}
