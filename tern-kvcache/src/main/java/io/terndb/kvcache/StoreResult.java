package io.terndb.kvcache;

import io.terndb.client.TernException;
import java.util.Objects;
import java.util.Optional;

/**
 * One object's store result, as {@link ChunkStore#storeResults} returns it: the outcome, and for
 * {@link StoreOutcome#FAILED} why (result code and message; empty for the other outcomes).
 */
public record StoreResult(StoreOutcome outcome, Optional<TernException> failure) {

    public static final StoreResult STORED = new StoreResult(StoreOutcome.STORED, Optional.empty());
    public static final StoreResult ALREADY_STORED = new StoreResult(StoreOutcome.ALREADY_STORED, Optional.empty());

    public StoreResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(failure, "failure");
    }

    public static StoreResult failed(TernException cause) {
        return new StoreResult(StoreOutcome.FAILED, Optional.of(cause));
    }
}
