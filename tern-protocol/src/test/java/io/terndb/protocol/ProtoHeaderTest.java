package io.terndb.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProtoHeaderTest {

    @Property
    void encodeThenDecodeGivesBackTypeAndSize(@ForAll @IntRange(min = 0, max = 255) int type,
            @ForAll @LongRange(min = 0, max = (1L << 48) - 1) long size) {
        long header = ProtoHeader.encode(type, size);
        assertThat(ProtoHeader.version(header)).isEqualTo(ProtoHeader.VERSION);
        assertThat(ProtoHeader.type(header)).isEqualTo(type);
        assertThat(ProtoHeader.bodyBytes(header)).isEqualTo(size);
    }

    @Test
    void infoHeaderMatchesTheWireBytes() {
        // 02 01 00 00 00 00 00 05: version 2, info, five body bytes
        assertThat(ProtoHeader.encode(ProtoHeader.TYPE_INFO, 5)).isEqualTo(0x0201_0000_0000_0005L);
    }
}
