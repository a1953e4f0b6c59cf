package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void sameSeedGivesSameSequence() {
        SeededRandom first = SeededRandom.withSeed(42);
        SeededRandom second = SeededRandom.withSeed(42);

        for (int i = 0; i < 100; i++) {
            assertThat(first.nextLong()).isEqualTo(second.nextLong());
        }
    }

    @Test
    void reproduceHintNamesTheSeedProperty() {
        assertThat(SeededRandom.withSeed(7).reproduceHint()).isEqualTo("(reproduce: -Dtern.seed=7)");
    }

    @Test
    void createdGeneratorReportsItsSeed() {
        SeededRandom random = SeededRandom.create("SeededRandomTest");

        assertThat(SeededRandom.withSeed(random.seed()).nextLong()).isEqualTo(random.nextLong());
    }
}
