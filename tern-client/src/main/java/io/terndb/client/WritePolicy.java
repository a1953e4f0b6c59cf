package io.terndb.client;

import io.terndb.protocol.VoidTime;
import java.time.Duration;
import java.util.Objects;

/**
 * How a write is run: the timeouts and retries of a {@link Policy} plus what the write may do to an existing
 * record. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * WritePolicy createOnly = WritePolicy.builder()
 *         .recordExistsAction(RecordExistsAction.CREATE_ONLY).ttlSeconds(3600).sendKey(true).build();
 * }</pre>
 *
 * Writes are not retried by default ({@code maxRetries} 0): a retried write that timed out may apply twice.
 */
public final class WritePolicy {

    public static final WritePolicy DEFAULT = builder().build();
    /** The longest TTL the server accepts: ten years. */
    public static final int TTL_SECONDS_MAX = 315_360_000;

    private final Policy policy;
    private final RecordExistsAction recordExistsAction;
    private final GenerationPolicy generationPolicy;
    private final int generation;
    private final int ttlSeconds;
    private final boolean sendKey;
    private final CommitLevel commitLevel;

    private WritePolicy(Builder builder) {
        this.policy = builder.policy.build();
        this.recordExistsAction = builder.recordExistsAction;
        this.generationPolicy = builder.generationPolicy;
        this.generation = builder.generation;
        this.ttlSeconds = builder.ttlSeconds;
        this.sendKey = builder.sendKey;
        this.commitLevel = builder.commitLevel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Timeouts, retries and replica choice. */
    public Policy policy() {
        return policy;
    }

    public RecordExistsAction recordExistsAction() {
        return recordExistsAction;
    }

    public GenerationPolicy generationPolicy() {
        return generationPolicy;
    }

    /** The expected generation, used with {@link #generationPolicy()}. */
    public int generation() {
        return generation;
    }

    /** Seconds to live: 0 = namespace default, -1 = never expire, -2 = keep the record's current TTL. */
    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** Whether the user key is sent and stored with the record (scans then return it). */
    public boolean sendKey() {
        return sendKey;
    }

    public CommitLevel commitLevel() {
        return commitLevel;
    }

    /** Validates each argument when it is given. */
    public static final class Builder {
        private final Policy.Builder policy = Policy.builder().maxRetries(0);
        private RecordExistsAction recordExistsAction = RecordExistsAction.UPDATE;
        private GenerationPolicy generationPolicy = GenerationPolicy.NONE;
        private int generation;
        private int ttlSeconds = VoidTime.TTL_USE_DEFAULT;
        private boolean sendKey;
        private CommitLevel commitLevel = CommitLevel.ALL;

        private Builder() {
        }

        public Builder socketTimeout(Duration timeout) {
            policy.socketTimeout(timeout);
            return this;
        }

        public Builder totalTimeout(Duration timeout) {
            policy.totalTimeout(timeout);
            return this;
        }

        public Builder maxRetries(int retries) {
            policy.maxRetries(retries);
            return this;
        }

        public Builder retryBackoff(Duration backoff) {
            policy.retryBackoff(backoff);
            return this;
        }

        public Builder replica(Replica choice) {
            policy.replica(choice);
            return this;
        }

        public Builder recordExistsAction(RecordExistsAction action) {
            recordExistsAction = Objects.requireNonNull(action, "recordExistsAction");
            return this;
        }

        /** Apply the write only if the record's generation relates to {@code expected} as {@code check} says. */
        public Builder generation(GenerationPolicy check, int expected) {
            generationPolicy = Objects.requireNonNull(check, "generationPolicy");
            if (expected < 0 || expected > 0xFFFF) {
                throw new IllegalArgumentException("generation=" + expected + " (0 to 65535)");
            }
            generation = expected;
            return this;
        }

        /** 0 = namespace default, -1 = never expire, -2 = keep the record's TTL, else 1 to ten years. */
        public Builder ttlSeconds(int seconds) {
            if (seconds < VoidTime.TTL_DONT_UPDATE || seconds > TTL_SECONDS_MAX) {
                throw new IllegalArgumentException("ttlSeconds=" + seconds + " (-2 to " + TTL_SECONDS_MAX + ")");
            }
            ttlSeconds = seconds;
            return this;
        }

        public Builder sendKey(boolean send) {
            sendKey = send;
            return this;
        }

        public Builder commitLevel(CommitLevel level) {
            commitLevel = Objects.requireNonNull(level, "commitLevel");
            return this;
        }

        public WritePolicy build() {
            return new WritePolicy(this);
        }
    }
}
