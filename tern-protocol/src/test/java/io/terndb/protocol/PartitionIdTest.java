package io.terndb.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionIdTest {

    /** Digests and partition ids computed by the official Java client for set "demo" and the default set. */
    @ParameterizedTest
    @CsvSource({
        "ec91192d4b7f8ce35d5d78d34bca65cbaaaac960, 492",
        "b7f4b83889e2da67de683e1df6919a1eacc446c8, 1207",
        "e9d49a24c3debdc5a6d551d3e7087999a263bb97, 1257",
        "ff31c926fbef445648ce63ca72a698a5473425c1, 511",
        "579f05ecf9e6a9e796f4da2ab0b1323364df5c10, 3927",
    })
    void partitionIdIsTheLowTwelveBitsOfTheFirstTwoDigestBytesLittleEndian(String digestHex, int expected) {
        assertThat(PartitionId.of(HexFormat.of().parseHex(digestHex))).isEqualTo(expected);
    }
}
