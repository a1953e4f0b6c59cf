package io.terndb.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Key;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The digest test vectors of reference §6.1, computed with the original client. */
class DigestsTest {

    private static String hex(Key key) {
        return HexFormat.of().formatHex(key.digest());
    }

    @Test
    void stringKeyMatchesTheOriginalClient() {
        Key key = new Key("test", "demo", "key1");
        assertThat(hex(key)).isEqualTo("ec91192d4b7f8ce35d5d78d34bca65cbaaaac960");
        assertThat(key.partitionId()).isEqualTo(492);
    }

    @Test
    void integerKeysMatchTheOriginalClient() {
        assertThat(hex(new Key("test", "demo", 1))).isEqualTo("b7f4b83889e2da67de683e1df6919a1eacc446c8");
        assertThat(new Key("test", "demo", 1).partitionId()).isEqualTo(1207);
        assertThat(hex(new Key("test", "demo", -1))).isEqualTo("e9d49a24c3debdc5a6d551d3e7087999a263bb97");
        assertThat(new Key("test", "demo", -1).partitionId()).isEqualTo(1257);
    }

    @Test
    void bytesKeyMatchesTheOriginalClient() {
        Key key = new Key("test", "demo", new byte[] {1, 2, 3});
        assertThat(hex(key)).isEqualTo("ff31c926fbef445648ce63ca72a698a5473425c1");
        assertThat(key.partitionId()).isEqualTo(511);
    }

    @Test
    void nullAndEmptySetHashTheSame() {
        assertThat(hex(new Key("test", null, "key1"))).isEqualTo("579f05ecf9e6a9e796f4da2ab0b1323364df5c10");
        assertThat(hex(new Key("test", "", "key1"))).isEqualTo("579f05ecf9e6a9e796f4da2ab0b1323364df5c10");
        assertThat(new Key("test", null, "key1").partitionId()).isEqualTo(3927);
    }

    @Test
    void namespaceIsNotPartOfTheDigest() {
        assertThat(new Key("other", "demo", "key1").digest()).isEqualTo(new Key("test", "demo", "key1").digest());
    }
}
