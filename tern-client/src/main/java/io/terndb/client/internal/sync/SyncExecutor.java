package io.terndb.client.internal.sync;

import io.terndb.client.ClientResultCode;
import io.terndb.client.Policy;
import io.terndb.client.TernException;
import io.terndb.client.TernTimeoutException;
import io.terndb.client.internal.cluster.Cluster;
import io.terndb.client.internal.cluster.Node;
import io.terndb.client.internal.codec.ParseException;
import io.terndb.client.internal.codec.ReplyParser;
import io.terndb.client.internal.command.Command;
import io.terndb.client.internal.command.ServerResultException;
import io.terndb.client.internal.metrics.Metrics;
import io.terndb.client.internal.net.SyncConnection;
import io.terndb.protocol.ProtoHeader;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on the calling thread over pooled blocking sockets: pick the node, borrow a connection, send,
 * read frames until the command is complete, return the connection. Timeouts and connection failures are retried
 * per the policy (with doubling back-off, within the total timeout); server answers are final except timeout and
 * device overload. Works the same on platform and virtual threads.
 */
public final class SyncExecutor implements AutoCloseable {

    private static final ThreadLocal<ReplyParser> PARSERS = ThreadLocal.withInitial(ReplyParser::new);

    private final Cluster cluster;
    private final Metrics metrics;
    private final SyncWatchdog watchdog;

    public SyncExecutor(Cluster cluster) {
        this.cluster = cluster;
        this.metrics = cluster.metrics();
        this.watchdog = new SyncWatchdog(cluster);
    }

    /** Stops the watchdog thread. */
    @Override
    public void close() {
        watchdog.close();
    }

    public <T> T execute(Command<T> command) {
        Attempts attempts = new Attempts(command.policy(), System.nanoTime());
        while (true) {
            Node node = null;
            try {
                checkOpen();
                node = command.node(cluster, attempts.count);
                command.prepareAttempt();
                T result = attempt(command, node, attempts);
                metrics.record(command.kind(), node.metrics(), System.nanoTime() - attempts.startNs);
                return result;
            } catch (RetryableFailure failure) {
                if (!attempts.retry(failure, node)) {
                    TernException exhausted = attempts.exhausted(command, node);
                    metrics.error(node == null ? null : node.metrics());
                    throw exhausted;
                }
                metrics.retries.increment();
            } catch (TernException e) {
                metrics.error(node == null ? null : node.metrics());
                throw e;
            }
        }
    }

    private <T> T attempt(Command<T> command, Node node, Attempts attempts) {
        SyncConnection connection;
        try {
            connection = node.pool().borrow(attempts.remainingNs());
        } catch (TernException e) {
            if (e.resultCode() == ClientResultCode.NO_MORE_CONNECTIONS) {
                throw new RetryableFailure(e, false);
            }
            throw e;
        } catch (IOException e) {
            throw new RetryableFailure(e, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TernException(ClientResultCode.CLIENT_ERROR, "interrupted", node.name(), false, e);
        }
        return exchange(command, node, connection, attempts);
    }

    private <T> T exchange(Command<T> command, Node node, SyncConnection connection, Attempts attempts) {
        boolean sent = false;
        long deadlineNs = attempts.attemptDeadlineNs();
        boolean armed = deadlineNs != Long.MAX_VALUE;
        try {
            command.write(connection.request());
            connection.timeoutMs(0); // deadlines are the watchdog's: a read without a timeout is one system call
            if (armed) {
                connection.arm(deadlineNs);
            }
            connection.send();
            sent = true;
            attempts.sent |= command.isWrite();
            readReply(command, connection, attempts, armed);
            if (!armed || connection.disarm()) {
                node.pool().release(connection);
            } else {
                node.pool().discard(connection); // expired just as the reply arrived: the socket is closed
            }
            return command.result();
        } catch (ServerResultException e) {
            return serverResult(command, node, connection, attempts, e, armed);
        } catch (IOException e) {
            boolean timeout = e instanceof SocketTimeoutException || connection.expired();
            node.pool().discard(connection);
            if (timeout) {
                metrics.timeout(node.metrics());
            }
            throw new RetryableFailure(timeout ? new SocketTimeoutException("no reply within the timeout") : e,
                    timeout);
        } catch (ParseException e) {
            node.pool().discard(connection);
            throw new TernException(ClientResultCode.PARSE_ERROR, e.getMessage(), node.name(),
                    sent && command.isWrite(), e);
        } catch (RuntimeException e) {
            node.pool().discard(connection); // e.g. a scan listener threw: the rest of the stream is unread
            throw e;
        }
    }

    private static void readReply(Command<?> command, SyncConnection connection, Attempts attempts, boolean armed)
            throws IOException {
        ReplyParser parser = PARSERS.get();
        boolean done = false;
        boolean first = true;
        while (!done) {
            if (armed && !first) {
                connection.extend(attempts.attemptDeadlineNs()); // streams: the socket timeout is per frame
            }
            first = false;
            long header = connection.readFrame(ProtoHeader.TYPE_AS_MSG);
            int bodyOffset = connection.bodyOffset();
            // consumed before parsing: a parse that throws must not leave the frame to be read again
            connection.consume(header);
            done = command.parse(parser, connection.replyData(), bodyOffset, (int) ProtoHeader.bodyBytes(header));
        }
    }

    private <T> T serverResult(Command<T> command, Node node, SyncConnection connection, Attempts attempts,
            ServerResultException e, boolean armed) {
        boolean intact = !armed || connection.disarm();
        if (command.kind() == io.terndb.client.CommandKind.SCAN || !intact) {
            node.pool().discard(connection); // an error may end a stream early; never reuse a half-read one
        } else {
            node.pool().release(connection);
        }
        if (Command.isRetryable(e.resultCode())) {
            throw new RetryableFailure(new TernException(e.resultCode(), e.getMessage(), node.name(),
                    command.isWrite(), e), e.resultCode() == io.terndb.protocol.ResultCode.TIMEOUT);
        }
        throw new TernException(e.resultCode(), e.getMessage(), node.name(), false, e);
    }

    private void checkOpen() {
        if (cluster.isClosed()) {
            throw new TernException(ClientResultCode.SERVER_NOT_AVAILABLE, "client is closed", null, false);
        }
    }

    /** A failure that another attempt may fix: timeout, connection error, pool exhausted, retryable code. */
    private static final class RetryableFailure extends RuntimeException {
        final boolean timeout;

        RetryableFailure(Throwable cause, boolean timeout) {
            super(cause.getMessage(), cause, false, false);
            this.timeout = timeout;
        }
    }

    /** The attempt count and deadlines of one command. */
    private static final class Attempts {
        final Policy policy;
        final long startNs;
        final long deadlineNs;
        int count;
        boolean sent;
        RetryableFailure last;

        Attempts(Policy policy, long startNs) {
            this.policy = policy;
            this.startNs = startNs;
            this.deadlineNs = policy.totalTimeoutNs() > 0 ? startNs + policy.totalTimeoutNs() : Long.MAX_VALUE;
        }

        long remainingNs() {
            long socketNs = policy.socketTimeoutNs();
            long totalNs = deadlineNs == Long.MAX_VALUE ? 0 : Math.max(1, deadlineNs - System.nanoTime());
            if (socketNs == 0) {
                return totalNs;
            }
            return totalNs == 0 ? socketNs : Math.min(socketNs, totalNs);
        }

        /** When the current attempt (or, for a stream, its next frame) must have its reply; MAX = never. */
        long attemptDeadlineNs() {
            long ns = remainingNs();
            return ns == 0 ? Long.MAX_VALUE : System.nanoTime() + ns;
        }

        /** Records the failure; sleeps the back-off and returns true if another attempt fits the policy. */
        boolean retry(RetryableFailure failure, Node node) {
            last = failure;
            count++;
            long nowNs = System.nanoTime();
            if (count > policy.maxRetries() || nowNs >= deadlineNs) {
                return false;
            }
            long backoffNs = policy.retryBackoffNs() == 0 ? 0
                    : Math.min(policy.retryBackoffNs() << Math.min(count - 1, 16), deadlineNs - nowNs);
            if (backoffNs > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(backoffNs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }

        TernException exhausted(Command<?> command, Node node) {
            String nodeName = node == null ? null : node.name();
            boolean inDoubt = sent && command.isWrite();
            String message = command.kind() + " failed after " + count + " attempt(s): " + last.getMessage();
            if (last.timeout) {
                return new TernTimeoutException(message, nodeName, inDoubt, count, last.getCause());
            }
            int code = last.getCause() instanceof TernException e ? e.resultCode()
                    : ClientResultCode.SERVER_NOT_AVAILABLE;
            return new TernException(code, message, nodeName, inDoubt, last.getCause());
        }
    }
}
