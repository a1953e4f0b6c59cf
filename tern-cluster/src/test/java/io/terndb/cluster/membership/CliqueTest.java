package io.terndb.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CliqueTest {

    private static Clique.Links links(Set<String> pairs) {
        return (a, b) -> pairs.contains(a + "-" + b) || pairs.contains(b + "-" + a);
    }

    @Test
    void everyoneLinkedIsOneClique() {
        assertThat(Clique.of(1, new long[] {1, 2, 3}, links(Set.of("1-2", "2-3", "1-3")))).containsExactly(1, 2, 3);
    }

    @Test
    void aNodeCutOffFromAnotherIsLeftOutTheLowerIdFirst() {
        // 2 and 3 do not hear each other: one must go, the lower id of the two.
        assertThat(Clique.of(1, new long[] {1, 2, 3}, links(Set.of("1-2", "1-3")))).containsExactly(1, 3);
    }

    @Test
    void selfIsNeverRemoved() {
        assertThat(Clique.of(2, new long[] {1, 2, 3}, links(Set.of("1-3")))).containsExactly(2);
    }

    @Test
    void idsCompareUnsigned() {
        long high = 0xBB90_0000_0000_0001L; // negative as a signed long
        assertThat(Clique.of(1, new long[] {1, high}, links(Set.of("1-" + high)))).containsExactly(1, high);
    }
}
