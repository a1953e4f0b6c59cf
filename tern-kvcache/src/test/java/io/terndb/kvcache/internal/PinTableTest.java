package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PinTableTest {

    private final PinTable pins = new PinTable(1_000);

    @Test
    void aPinnedObjectCannotStartBeingEvicted() {
        assertThat(pins.pin("a", 0)).isTrue();

        assertThat(pins.beginEviction("a", 10)).isFalse();
        assertThat(pins.isPinned("a", 10)).isTrue();
    }

    @Test
    void pinsAreCountedAndTheLastUnpinReleases() {
        pins.pin("a", 0);
        pins.pin("a", 0);

        pins.unpin("a");
        assertThat(pins.beginEviction("a", 10)).isFalse();

        pins.unpin("a");
        assertThat(pins.beginEviction("a", 10)).isTrue();
    }

    @Test
    void aPinLapsesAfterItsLeaseSoAForgottenPinDoesNotHoldForever() {
        pins.pin("a", 0);

        assertThat(pins.pinnedCount(999)).isEqualTo(1);
        assertThat(pins.isPinned("a", 1_000)).isFalse();
        assertThat(pins.beginEviction("a", 1_000)).isTrue();
    }

    @Test
    void anObjectBeingEvictedCannotBePinnedUntilTheEvictionEnds() {
        assertThat(pins.beginEviction("a", 0)).isTrue();

        assertThat(pins.pin("a", 0)).isFalse();
        assertThat(pins.beginEviction("a", 0)).as("one eviction at a time").isFalse();

        pins.endEviction("a");
        assertThat(pins.pin("a", 0)).isTrue();
        assertThat(pins.pinnedCount(0)).isEqualTo(1);
    }

    @Test
    void theLastUnpinNamesTheGenerationOfTheLatestServerLease() {
        pins.pin("a", 0);
        pins.leasedOnServer("a", 5);
        pins.pin("a", 10);
        pins.leasedOnServer("a", 6);

        assertThat(pins.unpin("a")).as("another pin remains").isEqualTo(PinTable.NO_SERVER_LEASE);
        assertThat(pins.unpin("a")).isEqualTo(6);
        assertThat(pins.unpin("a")).as("no longer pinned").isEqualTo(PinTable.NO_SERVER_LEASE);
    }

    @Test
    void aLeaseReportedAfterItsUnpinIsNotRecorded() {
        pins.pin("a", 0);
        assertThat(pins.unpin("a")).isEqualTo(PinTable.NO_SERVER_LEASE);

        pins.leasedOnServer("a", 5);

        assertThat(pins.pinnedCount(0)).isZero();
    }

    @Test
    void aPinAfterTheLeaseLapsedForgetsTheOldServerLease() {
        pins.pin("a", 0);
        pins.leasedOnServer("a", 5);

        pins.pin("a", 1_000);

        assertThat(pins.unpin("a")).as("its own lease is not written yet").isEqualTo(PinTable.NO_SERVER_LEASE);
    }
}
