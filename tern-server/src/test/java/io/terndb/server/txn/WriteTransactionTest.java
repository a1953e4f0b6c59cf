package io.terndb.server.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.protocol.VoidTime;
import org.junit.jupiter.api.Test;

class WriteTransactionTest {

    private static final long NOW = 500_000_000L;

    @Test
    void generationWrapsFrom65535ToOneNeverZero() {
        assertThat(WriteTransaction.nextGeneration(1)).isEqualTo(2);
        assertThat(WriteTransaction.nextGeneration(65_535)).isEqualTo(1);
    }

    @Test
    void ttlZeroUsesTheDefaultAndADefaultOfZeroNeverExpires() {
        assertThat(WriteTransaction.voidTime(0, false, 0, 0, NOW)).isEqualTo(VoidTime.NEVER);
        assertThat(WriteTransaction.voidTime(0, false, 0, 3600, NOW)).isEqualTo(NOW + 3600);
    }

    @Test
    void ttlMinusOneNeverExpiresAndMinusTwoKeepsTheRecordsVoidTime() {
        assertThat(WriteTransaction.voidTime(-1, true, NOW + 10, 3600, NOW)).isEqualTo(VoidTime.NEVER);
        assertThat(WriteTransaction.voidTime(-2, true, NOW + 10, 3600, NOW)).isEqualTo(NOW + 10);
        assertThat(WriteTransaction.voidTime(-2, true, VoidTime.NEVER, 3600, NOW)).isEqualTo(VoidTime.NEVER);
        assertThat(WriteTransaction.voidTime(-2, false, 0, 3600, NOW)).isEqualTo(NOW + 3600);
    }

    @Test
    void positiveTtlIsSecondsFromNow() {
        assertThat(WriteTransaction.voidTime(60, true, NOW + 10, 3600, NOW)).isEqualTo(NOW + 60);
    }
}
