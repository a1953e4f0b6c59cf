package io.terndb.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The allocation-free UTF-8 encoder agrees with the JDK's. */
class Utf8Test {

    private static byte[] encode(String text) {
        byte[] out = new byte[Utf8.length(text)];
        Utf8.encode(text, out, 0);
        return out;
    }

    @Property(tries = 500)
    void agreesWithTheJdk(@ForAll String text) {
        assertThat(encode(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unpairedSurrogatesBecomeQuestionMarks() {
        String text = "a\uD800b\uDC00";
        assertThat(encode(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(Arrays.toString(encode("\uD83D\uDE00"))).isEqualTo(
                Arrays.toString("\uD83D\uDE00".getBytes(StandardCharsets.UTF_8)));
    }
}
