package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ProtoFrameTest {

    @Test
    void headerPacksVersionTypeAndSize() {
        assertThat(HexFormat.of().formatHex(ProtoFrame.header(2, 1, 7))).isEqualTo("0201000000000007");
    }

    @Test
    void sizeOfReadsTheFortyEightBitSize() {
        assertThat(ProtoFrame.sizeOf(ProtoFrame.header(2, 3, ProtoFrame.SIZE_FIELD_MAX)))
                .isEqualTo(ProtoFrame.SIZE_FIELD_MAX);
    }

    @Test
    void headerRefusesSizesBeyondFortyEightBits() {
        assertThatThrownBy(() -> ProtoFrame.header(2, 3, 1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodePrependsTheHeader() {
        byte[] encoded = new ProtoFrame(2, 1, new byte[] {'a', '\n'}).encode();

        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo("0201000000000002610a");
    }
}
