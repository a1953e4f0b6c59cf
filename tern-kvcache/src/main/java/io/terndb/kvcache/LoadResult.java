package io.terndb.kvcache;

import io.terndb.client.TernException;
import java.util.Objects;
import java.util.Optional;

/**
 * One object's load result. On {@link LoadOutcome#HIT} the destination holds {@code bytes} bytes from its
 * position on, and its position has moved past them; otherwise its contents and position are unspecified.
 * {@code failure} says why a {@link LoadOutcome#FAILED} load failed (result code and message); it is empty for
 * every other outcome.
 */
public record LoadResult(LoadOutcome outcome, long bytes, Optional<TernException> failure) {

    public static final LoadResult MISS = new LoadResult(LoadOutcome.MISS, 0);
    public static final LoadResult FAILED = new LoadResult(LoadOutcome.FAILED, 0);
    public static final LoadResult TIMED_OUT = new LoadResult(LoadOutcome.TIMED_OUT, 0);

    public LoadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
    }

    public LoadResult(LoadOutcome outcome, long bytes) {
        this(outcome, bytes, Optional.empty());
    }

    /** A {@link LoadOutcome#FAILED} result carrying its cause. */
    public static LoadResult failed(TernException cause) {
        return new LoadResult(LoadOutcome.FAILED, 0, Optional.of(cause));
    }

    public boolean isHit() {
        return outcome == LoadOutcome.HIT;
    }
}
