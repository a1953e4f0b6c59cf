package io.terndb.testkit;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A random generator whose seed is printed, so a failing randomized test can be replayed exactly. The seed comes
 * from system property {@value #SEED_PROPERTY} when set, else it is drawn fresh.
 *
 * <pre>{@code
 * SeededRandom random = SeededRandom.create("BadInputTest#randomBytes");
 * // prints: seed=123456789 for BadInputTest#randomBytes (reproduce: -Dtern.seed=123456789)
 * }</pre>
 */
public final class SeededRandom implements RandomGenerator {

    public static final String SEED_PROPERTY = "tern.seed";
    private static final String ALGORITHM = "L64X128MixRandom";

    private final long seed;
    private final RandomGenerator delegate;

    private SeededRandom(long seed) {
        this.seed = seed;
        this.delegate = RandomGeneratorFactory.of(ALGORITHM).create(seed);
    }

    /** A generator seeded from {@value #SEED_PROPERTY} or freshly; prints the seed with {@code context}. */
    public static SeededRandom create(String context) {
        SeededRandom random = new SeededRandom(chooseSeed());
        System.out.println("seed=" + random.seed + " for " + context + " " + random.reproduceHint());
        return random;
    }

    /** A generator with a fixed seed (nothing printed). */
    public static SeededRandom withSeed(long seed) {
        return new SeededRandom(seed);
    }

    public long seed() {
        return seed;
    }

    /** One line that tells how to replay the run, e.g. {@code (reproduce: -Dtern.seed=42)}. */
    public String reproduceHint() {
        return "(reproduce: -D" + SEED_PROPERTY + "=" + seed + ")";
    }

    @Override
    public long nextLong() {
        return delegate.nextLong();
    }

    @Override
    public String toString() {
        return "SeededRandom[seed=" + seed + "]";
    }

    private static long chooseSeed() {
        String configured = System.getProperty(SEED_PROPERTY);
        if (configured == null || configured.isBlank()) {
            return ThreadLocalRandom.current().nextLong();
        }
        try {
            return Long.parseLong(configured.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_PROPERTY + "=" + configured + " is not a long", e);
        }
    }
}
