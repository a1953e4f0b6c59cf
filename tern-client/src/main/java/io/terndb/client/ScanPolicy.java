package io.terndb.client;

import java.time.Duration;

/**
 * How a partition scan is run. Immutable; build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code maxRecords}: stop after about this many records (split among nodes); 0 = no limit. With a
 *       {@link PartitionFilter}, the next scan with the same filter resumes where this one stopped.
 *   <li>{@code includeBinData}: false returns keys and metadata only.
 *   <li>{@code socketTimeout}: longest silence between two frames of the stream (default 30 s);
 *       {@code totalTimeout}: whole scan (default 0 = none); {@code maxRetries}: re-sends of unfinished
 *       partitions after a failure (default 5).
 * </ul>
 */
public final class ScanPolicy {

    public static final ScanPolicy DEFAULT = builder().build();

    private final Policy policy;
    private final long maxRecords;
    private final boolean includeBinData;

    private ScanPolicy(Builder builder) {
        this.policy = builder.policy.build();
        this.maxRecords = builder.maxRecords;
        this.includeBinData = builder.includeBinData;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Policy policy() {
        return policy;
    }

    public long maxRecords() {
        return maxRecords;
    }

    public boolean includeBinData() {
        return includeBinData;
    }

    /** Validates each argument when it is given. */
    public static final class Builder {
        private final Policy.Builder policy = Policy.builder().socketTimeout(Duration.ofSeconds(30))
                .totalTimeout(Duration.ZERO).maxRetries(5);
        private long maxRecords;
        private boolean includeBinData = true;

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

        public Builder replica(Replica choice) {
            policy.replica(choice);
            return this;
        }

        public Builder maxRecords(long records) {
            if (records < 0) {
                throw new IllegalArgumentException("maxRecords=" + records + " (must be zero or positive)");
            }
            maxRecords = records;
            return this;
        }

        public Builder includeBinData(boolean include) {
            includeBinData = include;
            return this;
        }

        public ScanPolicy build() {
            return new ScanPolicy(this);
        }
    }
}
