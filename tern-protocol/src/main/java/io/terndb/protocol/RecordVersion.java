package io.terndb.protocol;

/**
 * Which of two versions of one record wins: the one rule that cold start, replica writes, migration and duplicate
 * resolution all apply, as the original resolves conflicts. A version is its 16-bit generation and its
 * last-update time in milliseconds.
 *
 * <ul>
 *   <li>{@link #GENERATION} ({@code conflict-resolution-policy generation}, the default for migration and
 *       duplicate resolution): the higher generation compared directly, then the later last-update time. Direct,
 *       not wrap-aware: after a split brain where one side re-created a record from scratch, the side with the
 *       longer history wins.</li>
 *   <li>{@link #LAST_UPDATE_TIME} ({@code conflict-resolution-policy last-update-time}, and always for replica
 *       writes and cold start): the later last-update time, then the generation compared wrap-aware (a generation
 *       less than 32768 steps ahead, modulo 65536, is newer).</li>
 * </ul>
 */
public enum RecordVersion {
    GENERATION,
    LAST_UPDATE_TIME;

    private static final int GENERATION_MODULUS = 1 << 16;
    private static final int GENERATION_HALF = 1 << 15;

    /**
     * Negative when the local version (left) wins, positive when the remote one (right) wins, 0 when they are the
     * same version.
     */
    public int compare(int leftGeneration, long leftLastUpdateMs, int rightGeneration, long rightLastUpdateMs) {
        return switch (this) {
            case GENERATION -> {
                int byGeneration = Integer.compare(rightGeneration & 0xFFFF, leftGeneration & 0xFFFF);
                yield byGeneration != 0 ? byGeneration : Long.compare(rightLastUpdateMs, leftLastUpdateMs);
            }
            case LAST_UPDATE_TIME -> {
                int byTime = Long.compare(rightLastUpdateMs, leftLastUpdateMs);
                yield byTime != 0 ? byTime : compareGenerationsWrapping(leftGeneration, rightGeneration);
            }
        };
    }

    /** Whether the remote version (right) replaces the local one (left): it is strictly newer. */
    public boolean remoteWins(int leftGeneration, long leftLastUpdateMs, int rightGeneration,
            long rightLastUpdateMs) {
        return compare(leftGeneration, leftLastUpdateMs, rightGeneration, rightLastUpdateMs) > 0;
    }

    /** Positive when {@code right} is ahead of {@code left} by less than half the 16-bit range. */
    static int compareGenerationsWrapping(int left, int right) {
        int ahead = (right - left) & (GENERATION_MODULUS - 1);
        if (ahead == 0) {
            return 0;
        }
        return ahead < GENERATION_HALF ? 1 : -1;
    }

    /** The configuration value ({@code generation}, {@code last-update-time}). */
    public String configName() {
        return this == GENERATION ? "generation" : "last-update-time";
    }
}
