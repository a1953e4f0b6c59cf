package io.terndb.server.config.internal;

import java.util.List;

/**
 * Short names for building the setting tables, so that each table line reads like the original's: name, kind,
 * limits, effect.
 */
final class Rules {

    static final long KIB = 1024L;
    static final long MIB = 1024L * KIB;
    static final long GIB = 1024L * MIB;
    static final long TIB = 1024L * GIB;
    /** The original reads most counts into 32-bit unsigned fields. */
    static final long UINT32_MAX = 0xFFFF_FFFFL;
    static final long UINT64_MAX_AS_LONG = Long.MAX_VALUE;
    /** Most words the original copies; a longer path or name is refused rather than cut. */
    static final int TEXT_BYTES_MAX = 1023;

    private Rules() {
    }

    static Rule applies(ValueKind kind) {
        return new Rule(kind, Effect.APPLIES, false, "");
    }

    static Rule appliesRepeated(ValueKind kind) {
        return new Rule(kind, Effect.APPLIES, true, "");
    }

    static Rule noEffect(ValueKind kind) {
        return new Rule(kind, Effect.NO_EFFECT, false, "");
    }

    static Rule noEffectRepeated(ValueKind kind) {
        return new Rule(kind, Effect.NO_EFFECT, true, "");
    }

    static Rule obsolete(String hint) {
        return new Rule(null, Effect.OBSOLETE, false, hint);
    }

    static Rule unsupported(String hint) {
        return new Rule(null, Effect.UNSUPPORTED, false, hint);
    }

    static ValueKind flag() {
        return new ValueKind.Flag(false);
    }

    static ValueKind optionalFlag() {
        return new ValueKind.Flag(true);
    }

    static ValueKind count(long min, long max) {
        return new ValueKind.Unsigned(min, max, false);
    }

    /** Any 32-bit unsigned count, as the original's unchecked settings. */
    static ValueKind uint32() {
        return count(0, UINT32_MAX);
    }

    static ValueKind uint64() {
        return count(0, UINT64_MAX_AS_LONG);
    }

    static ValueKind percent() {
        return count(0, 100);
    }

    static ValueKind bytes(long min, long max) {
        return new ValueKind.Unsigned(min, max, true);
    }

    static ValueKind powerOfTwoBytes(long min, long max) {
        return new ValueKind.PowerOfTwo(min, max);
    }

    static ValueKind seconds(long min, long max) {
        return new ValueKind.Seconds(min, max, false);
    }

    /** Seconds up to the 32-bit limit of the original. */
    static ValueKind seconds() {
        return seconds(0, UINT32_MAX);
    }

    static ValueKind secondsOrNever(long min, long max) {
        return new ValueKind.Seconds(min, max, true);
    }

    static ValueKind signed(long min, long max) {
        return new ValueKind.Signed(min, max);
    }

    static ValueKind hex(long minUnsigned) {
        return new ValueKind.Hex(minUnsigned);
    }

    static ValueKind text() {
        return new ValueKind.Text(TEXT_BYTES_MAX);
    }

    static ValueKind text(int maxBytes) {
        return new ValueKind.Text(maxBytes);
    }

    static ValueKind choice(String... choices) {
        return new ValueKind.Choice(List.of(choices));
    }

    static ValueKind port() {
        return new ValueKind.Port();
    }

    static ValueKind hostPort() {
        return new ValueKind.HostPort();
    }

    static ValueKind words(int min, int max) {
        return new ValueKind.Words(min, max);
    }
}
