package io.terndb.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How a command is run: timeouts, retries and replica choice. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * Policy patient = Policy.builder().totalTimeout(Duration.ofSeconds(5)).maxRetries(3).build();
 * }</pre>
 *
 * <ul>
 *   <li>{@code socketTimeout}: longest wait for one attempt's reply; 0 = only the total timeout applies.
 *   <li>{@code totalTimeout}: longest time for the whole command including retries; 0 = no limit.
 *   <li>{@code maxRetries}: further attempts after a timeout or connection failure (never after a server
 *       answer other than timeout / device overload).
 *   <li>{@code retryBackoff}: pause before a retry; doubled at each retry, capped by the total deadline.
 *   <li>{@code replica}: which copy is asked, see {@link Replica}.
 * </ul>
 */
public final class Policy {

    static final Duration SOCKET_TIMEOUT_DEFAULT = Duration.ofSeconds(1);
    static final Duration TOTAL_TIMEOUT_DEFAULT = Duration.ofSeconds(1);
    static final int MAX_RETRIES_DEFAULT = 2;
    static final int MAX_RETRIES_LIMIT = 100;
    /** Reads: 1 s per attempt and in total, two retries, master first then the next replica. */
    public static final Policy DEFAULT = builder().build();

    private final long socketTimeoutNs;
    private final long totalTimeoutNs;
    private final int maxRetries;
    private final long retryBackoffNs;
    private final Replica replica;

    private Policy(Builder builder) {
        this.socketTimeoutNs = builder.socketTimeout.toNanos();
        this.totalTimeoutNs = builder.totalTimeout.toNanos();
        this.maxRetries = builder.maxRetries;
        this.retryBackoffNs = builder.retryBackoff.toNanos();
        this.replica = builder.replica;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().socketTimeout(Duration.ofNanos(socketTimeoutNs))
                .totalTimeout(Duration.ofNanos(totalTimeoutNs))
                .maxRetries(maxRetries).retryBackoff(Duration.ofNanos(retryBackoffNs)).replica(replica);
    }

    public long socketTimeoutNs() {
        return socketTimeoutNs;
    }

    public long totalTimeoutNs() {
        return totalTimeoutNs;
    }

    public int maxRetries() {
        return maxRetries;
    }

    public long retryBackoffNs() {
        return retryBackoffNs;
    }

    public Replica replica() {
        return replica;
    }

    /**
     * The server-side timeout sent in the request (reference §3): the smaller of the two timeouts when a total
     * timeout is set, in whole milliseconds, else 0 (the server's default).
     */
    public int serverTimeoutMs() {
        if (totalTimeoutNs == 0) {
            return 0;
        }
        long ns = socketTimeoutNs == 0 ? totalTimeoutNs : Math.min(socketTimeoutNs, totalTimeoutNs);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, ns / 1_000_000));
    }

    @Override
    public String toString() {
        return "Policy[socketTimeoutNs=" + socketTimeoutNs + ", totalTimeoutNs=" + totalTimeoutNs + ", maxRetries="
                + maxRetries + ", retryBackoffNs=" + retryBackoffNs + ", replica=" + replica + "]";
    }

    /** Validates each argument when it is given. */
    public static final class Builder {
        private Duration socketTimeout = SOCKET_TIMEOUT_DEFAULT;
        private Duration totalTimeout = TOTAL_TIMEOUT_DEFAULT;
        private int maxRetries = MAX_RETRIES_DEFAULT;
        private Duration retryBackoff = Duration.ZERO;
        private Replica replica = Replica.SEQUENCE;

        private Builder() {
        }

        public Builder socketTimeout(Duration timeout) {
            socketTimeout = nonNegative("socketTimeout", timeout);
            return this;
        }

        public Builder totalTimeout(Duration timeout) {
            totalTimeout = nonNegative("totalTimeout", timeout);
            return this;
        }

        public Builder maxRetries(int retries) {
            if (retries < 0 || retries > MAX_RETRIES_LIMIT) {
                throw new IllegalArgumentException("maxRetries=" + retries + " (0 to " + MAX_RETRIES_LIMIT + ")");
            }
            maxRetries = retries;
            return this;
        }

        public Builder retryBackoff(Duration backoff) {
            retryBackoff = nonNegative("retryBackoff", backoff);
            return this;
        }

        public Builder replica(Replica choice) {
            replica = Objects.requireNonNull(choice, "replica");
            return this;
        }

        public Policy build() {
            return new Policy(this);
        }

        static Duration nonNegative(String name, Duration duration) {
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException(name + "=" + duration + " (must be zero or positive)");
            }
            return duration;
        }
    }
}
