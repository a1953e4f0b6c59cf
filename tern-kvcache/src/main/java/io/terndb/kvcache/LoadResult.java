package io.terndb.kvcache;

/**
 * One object's load result. On {@link LoadOutcome#HIT} the destination holds {@code bytes} bytes from its
 * position on, and its position has moved past them; otherwise its contents and position are unspecified.
 */
public record LoadResult(LoadOutcome outcome, long bytes) {

    public static final LoadResult MISS = new LoadResult(LoadOutcome.MISS, 0);
    public static final LoadResult FAILED = new LoadResult(LoadOutcome.FAILED, 0);
    public static final LoadResult TIMED_OUT = new LoadResult(LoadOutcome.TIMED_OUT, 0);

    public boolean isHit() {
        return outcome == LoadOutcome.HIT;
    }
}
