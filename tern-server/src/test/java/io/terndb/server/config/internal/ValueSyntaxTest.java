package io.terndb.server.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueSyntaxTest {

    @Test
    void sizeSuffixesAreBinaryAndIgnoreCase() throws Exception {
        assertThat(ValueSyntax.parseSize("0")).isZero();
        assertThat(ValueSyntax.parseSize("4096")).isEqualTo(4096);
        assertThat(ValueSyntax.parseSize("1k")).isEqualTo(1024);
        assertThat(ValueSyntax.parseSize("128K")).isEqualTo(128 * 1024);
        assertThat(ValueSyntax.parseSize("1m")).isEqualTo(1L << 20);
        assertThat(ValueSyntax.parseSize("4G")).isEqualTo(4L << 30);
        assertThat(ValueSyntax.parseSize("2t")).isEqualTo(2L << 40);
        assertThat(ValueSyntax.parseSize("3P")).isEqualTo(3L << 50);
        assertThat(ValueSyntax.parseSize("007")).isEqualTo(7);
    }

    @Test
    void sizeRefusesSignsSpacesUnknownSuffixesAndOverflow() {
        assertMalformed(() -> ValueSyntax.parseSize(""), "must be an unsigned number, not ''");
        assertMalformed(() -> ValueSyntax.parseSize("-1"), "must be an unsigned number, not '-1'");
        assertMalformed(() -> ValueSyntax.parseSize("G"), "must be an unsigned number, not 'G'");
        assertMalformed(() -> ValueSyntax.parseSize("4GB"), "has an unknown size suffix in '4GB'");
        assertMalformed(() -> ValueSyntax.parseSize("4Gi"), "has an unknown size suffix in '4Gi'");
        assertMalformed(() -> ValueSyntax.parseSize("1.5G"), "has an unknown size suffix in '1.5G'");
        assertMalformed(() -> ValueSyntax.parseSize("9223372036854775808"), "is too large");
        assertMalformed(() -> ValueSyntax.parseSize("8192P"), "is too large");
    }

    @Test
    void largestSizeThatFitsIsAccepted() throws Exception {
        assertThat(ValueSyntax.parseSize("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(ValueSyntax.parseSize("8191P")).isEqualTo(8191L << 50);
    }

    @Test
    void durationSuffixesAreSecondsMinutesHoursAndDays() throws Exception {
        assertThat(ValueSyntax.parseSeconds("120")).isEqualTo(120);
        assertThat(ValueSyntax.parseSeconds("120s")).isEqualTo(120);
        assertThat(ValueSyntax.parseSeconds("2M")).isEqualTo(120);
        assertThat(ValueSyntax.parseSeconds("2h")).isEqualTo(7200);
        assertThat(ValueSyntax.parseSeconds("30d")).isEqualTo(2_592_000);
        assertMalformed(() -> ValueSyntax.parseSeconds("1w"), "has an unknown time suffix in '1w'");
        assertMalformed(() -> ValueSyntax.parseSeconds("-1"), "must be an unsigned number of seconds");
    }

    @Test
    void flagsAreTrueFalseYesOrNoInAnyCase() throws Exception {
        assertThat(ValueSyntax.parseFlag("true")).isTrue();
        assertThat(ValueSyntax.parseFlag("YES")).isTrue();
        assertThat(ValueSyntax.parseFlag("False")).isFalse();
        assertThat(ValueSyntax.parseFlag("no")).isFalse();
        assertMalformed(() -> ValueSyntax.parseFlag("1"), "must be true, false, yes or no, not '1'");
    }

    @Test
    void hexReadsSixtyFourUnsignedBits() throws Exception {
        assertThat(ValueSyntax.parseHex("bb9")).isEqualTo(0xbb9);
        assertThat(ValueSyntax.parseHex("0xBB9")).isEqualTo(0xbb9);
        assertThat(ValueSyntax.parseHex("ffffffffffffffff")).isEqualTo(-1L);
        assertMalformed(() -> ValueSyntax.parseHex("1ffffffffffffffff"), "must be a 64-bit hexadecimal number");
        assertMalformed(() -> ValueSyntax.parseHex("0x"), "must be a 64-bit hexadecimal number");
    }

    @Test
    void longValuesAreCutShortInMessages() {
        assertThat(ValueSyntax.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(60) + "...'");
    }

    @Test
    void sizesAreDescribedInTheLargestExactBinaryUnit() {
        assertThat(ValueSyntax.describeBytes(64)).isEqualTo("64 bytes");
        assertThat(ValueSyntax.describeBytes(0)).isEqualTo("0 bytes");
        assertThat(ValueSyntax.describeBytes(1536)).isEqualTo("1536 bytes");
        assertThat(ValueSyntax.describeBytes(8L << 20)).isEqualTo("8 MiB");
        assertThat(ValueSyntax.describeBytes(256L << 40)).isEqualTo("256 TiB");
    }

    private static void assertMalformed(ThrowingCall call, String reason) {
        assertThatThrownBy(call::run).isInstanceOf(ValueSyntax.Malformed.class).hasMessageContaining(reason);
    }

    private interface ThrowingCall {
        void run() throws Exception;
    }
}
