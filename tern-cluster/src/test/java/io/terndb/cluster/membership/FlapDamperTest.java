package io.terndb.cluster.membership;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlapDamperTest {

    @Test
    void aNodeIsHeldBackLongerWithEachFlapAfterTheFirst() {
        FlapDamper damper = new FlapDamper();
        long nowMs = 0;
        long[] expectedHoldMs = {0, 0, 2_000, 4_000, 8_000};
        for (long hold : expectedHoldMs) {
            damper.arrived(7, nowMs);
            assertThat(damper.eligible(7, nowMs + hold)).isTrue();
            if (hold > 0) {
                assertThat(damper.eligible(7, nowMs + hold - 1)).isFalse();
            }
            nowMs += hold;
            damper.admitted(7, nowMs);
            nowMs += 1_000;
            damper.departed(7, nowMs);
        }
        assertThat(FlapDamper.holdMs(30)).isEqualTo(60_000);
    }

    @Test
    void aNodeStableForTwiceTheWindowIsForgiven() {
        FlapDamper damper = new FlapDamper();
        for (int i = 0; i < 4; i++) {
            damper.arrived(7, i * 100L);
            damper.admitted(7, i * 100L);
            damper.departed(7, i * 100L + 50);
        }
        assertThat(damper.flaps(7)).isEqualTo(4);
        damper.arrived(7, 1_000);
        damper.admitted(7, 1_000);
        damper.departed(7, 1_000 + 121_000);
        assertThat(damper.flaps(7)).isZero();
    }
}
