package io.terndb.client.internal.net;

import io.terndb.client.ClientResultCode;
import io.terndb.client.TernException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.metrics.NodeMetrics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sync connections to one node: at most {@code max} exist, idle ones sit on a stack (most recently used on
 * top, so the bottom ones age and are trimmed by the tender). Callers beyond {@code max} wait on a condition
 * (parking, also on virtual threads) until a connection is returned or their timeout passes. One short lock per
 * borrow and per return, and no allocation: the stack is an array sized {@code max}.
 */
public final class ConnectionPool implements AutoCloseable {

    private final String nodeName;
    private final InetSocketAddress address;
    private final int min;
    private final int max;
    private final long maxIdleNs;
    private final int connectTimeoutMs;
    /** Connections idle at least this long are checked for stray bytes before use (a syscall, so not always). */
    private final long healthCheckIdleNs;
    private final Metrics metrics;
    private final NodeMetrics nodeMetrics;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition returned = lock.newCondition();
    private final SyncConnection[] idle;
    /** Every open connection, idle or in use, for the watchdog. Changes only when connections open or close. */
    private final java.util.Set<SyncConnection> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Guarded by {@link #lock}: idle connections on the stack, and connections open (idle, in use, or opening). */
    private int idleCount;
    private int open;
    private volatile boolean closed;

    public ConnectionPool(String nodeName, InetSocketAddress address, int min, int max, long maxIdleNs,
            int connectTimeoutMs, long healthCheckIdleNs, Metrics metrics, NodeMetrics nodeMetrics) {
        this.nodeName = nodeName;
        this.address = address;
        this.min = min;
        this.max = max;
        this.maxIdleNs = maxIdleNs;
        this.connectTimeoutMs = connectTimeoutMs;
        this.healthCheckIdleNs = healthCheckIdleNs;
        this.metrics = metrics;
        this.nodeMetrics = nodeMetrics;
        this.idle = new SyncConnection[max];
    }

    /**
     * A connection for one command, waiting up to {@code timeoutNs} (0 = the connect timeout) for one to come free.
     *
     * @throws TernException NO_MORE_CONNECTIONS if none came free in time, SERVER_NOT_AVAILABLE when closed
     * @throws IOException if a new connection could not be made
     */
    public SyncConnection borrow(long timeoutNs) throws IOException, InterruptedException {
        long waitNs = timeoutNs > 0 ? timeoutNs : TimeUnit.MILLISECONDS.toNanos(connectTimeoutMs);
        while (true) {
            SyncConnection connection = takeOrReserve(waitNs);
            if (connection == null) {
                return openReserved(waitNs);
            }
            long idleNs = System.nanoTime() - connection.lastUsedNs;
            if (idleNs < maxIdleNs && (idleNs < healthCheckIdleNs || connection.isUsable())) {
                return connection;
            }
            discard(connection); // stale: try the next one
        }
    }

    /** Pops an idle connection, or reserves room for a new one (returns null), waiting while the pool is full. */
    private SyncConnection takeOrReserve(long waitNs) throws InterruptedException {
        lock.lock();
        try {
            long remainingNs = waitNs;
            while (true) {
                checkOpen();
                if (idleCount > 0) {
                    SyncConnection connection = idle[--idleCount];
                    idle[idleCount] = null;
                    return connection;
                }
                if (open < max) {
                    open++;
                    return null;
                }
                if (remainingNs <= 0) {
                    throw new TernException(ClientResultCode.NO_MORE_CONNECTIONS, "all " + max
                            + " connections in use", nodeName, false);
                }
                remainingNs = returned.awaitNanos(remainingNs);
            }
        } finally {
            lock.unlock();
        }
    }

    private SyncConnection openReserved(long waitNs) throws IOException {
        int connectMs = (int) Math.max(1, Math.min(connectTimeoutMs, TimeUnit.NANOSECONDS.toMillis(waitNs)));
        try {
            SyncConnection connection = SyncConnection.open(address, connectMs);
            all.add(connection);
            metrics.connectionsOpened.increment();
            nodeMetrics.connectionsOpen.increment();
            return connection;
        } catch (IOException | RuntimeException e) {
            unreserve();
            throw e;
        }
    }

    private void unreserve() {
        lock.lock();
        try {
            open--;
            returned.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Returns a connection after a complete reply. */
    public void release(SyncConnection connection) {
        connection.lastUsedNs = System.nanoTime();
        lock.lock();
        try {
            if (!closed) {
                idle[idleCount++] = connection;
                returned.signal();
                return;
            }
        } finally {
            lock.unlock();
        }
        discard(connection);
    }

    /** Closes a connection that failed or holds a partial reply. */
    public void discard(SyncConnection connection) {
        all.remove(connection);
        connection.close();
        metrics.connectionsClosed.increment();
        nodeMetrics.connectionsOpen.decrement();
        unreserve();
    }

    /**
     * The tender's upkeep: closes connections idle longer than {@code maxIdle} (oldest first) while more than
     * {@code min} are open, then opens connections up to {@code min}.
     */
    public void maintain(long nowNs) {
        SyncConnection oldest;
        while ((oldest = takeOldestIdle(nowNs)) != null) {
            discard(oldest);
        }
        while (!closed && reserveBelowMin()) {
            try {
                SyncConnection connection = openReserved(connectTimeoutMs * 1_000_000L);
                release(connection);
            } catch (IOException e) {
                return; // the node's health is judged by tending; commands will try again
            }
        }
    }

    private SyncConnection takeOldestIdle(long nowNs) {
        lock.lock();
        try {
            if (open <= min || idleCount == 0 || nowNs - idle[0].lastUsedNs < maxIdleNs) {
                return null;
            }
            SyncConnection oldest = idle[0];
            System.arraycopy(idle, 1, idle, 0, idleCount - 1);
            idle[--idleCount] = null;
            return oldest;
        } finally {
            lock.unlock();
        }
    }

    private boolean reserveBelowMin() {
        lock.lock();
        try {
            if (open >= min || open >= max) {
                return false;
            }
            open++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Watchdog: closes connections whose command is past its deadline, which ends their blocked reads. */
    public void expireDue(long nowNs) {
        for (SyncConnection connection : all) {
            connection.expireIfDue(nowNs);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "connection pool closed", nodeName,
                    false);
        }
    }

    public int openConnections() {
        lock.lock();
        try {
            return open;
        } finally {
            lock.unlock();
        }
    }

    /** Closes the idle connections now and wakes waiting borrowers; connections in use close when returned. */
    @Override
    public void close() {
        SyncConnection[] toClose;
        int count;
        lock.lock();
        try {
            closed = true;
            toClose = idle.clone();
            count = idleCount;
            java.util.Arrays.fill(idle, null);
            idleCount = 0;
            returned.signalAll();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < count; i++) {
            discard(toClose[i]);
        }
    }
}
