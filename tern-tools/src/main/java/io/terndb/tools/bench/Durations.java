package io.terndb.tools.bench;

import java.time.Duration;

/** Durations as people write them: {@code 5 s}, {@code 250 ms}. */
final class Durations {
    private Durations() {}

    static String text(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
