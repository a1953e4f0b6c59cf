package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectLayoutTest {

    @Test
    void keysAreNamedAsLmcacheNamesThem() {
        assertThat(ObjectLayout.metaKey("model@chunk7")).isEqualTo("model@chunk7|m");
        assertThat(ObjectLayout.segmentKey("model@chunk7", "00ab00cd00ef0012", 3))
                .isEqualTo("model@chunk7|s|00ab00cd00ef0012|3");
        assertThat(ObjectLayout.segmentKey("model@chunk7", "", 3)).isEqualTo("model@chunk7|s|3");
        assertThat(ObjectLayout.segmentKey("model@chunk7", null, 0)).isEqualTo("model@chunk7|s|0");
    }

    @Test
    void writeIdsAreSixteenLowercaseHexDigits() {
        assertThat(ObjectLayout.writeId(0)).isEqualTo("0000000000000000");
        assertThat(ObjectLayout.writeId(0xABCL)).isEqualTo("0000000000000abc");
        assertThat(ObjectLayout.writeId(-1)).isEqualTo("ffffffffffffffff");
        assertThat(ObjectLayout.isWriteId("0123456789abcdef")).isTrue();
        assertThat(ObjectLayout.isWriteId("0123456789ABCDEF")).isFalse();
        assertThat(ObjectLayout.isWriteId("0123")).isFalse();
    }
}
