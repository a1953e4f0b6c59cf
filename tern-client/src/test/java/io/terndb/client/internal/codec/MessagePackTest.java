package io.terndb.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** List and map values as MessagePack with particle-type prefixes (reference §5.5). */
class MessagePackTest {

    private static String hex(Object value) {
        CommandBuffer out = new CommandBuffer();
        MessagePackWriter.writeObject(out, value);
        return HexFormat.of().formatHex(Arrays.copyOf(out.data(), out.position()));
    }

    private static Object roundTrip(Object value) {
        CommandBuffer out = new CommandBuffer();
        MessagePackWriter.writeObject(out, value);
        return MessagePackReader.read(out.data(), 0, out.position());
    }

    @Test
    void listMatchesTheReference() {
        assertThat(hex(List.of(1, "a"))).isEqualTo("9201a20361");
    }

    @Test
    void sortedMapIsSentKeyOrdered() {
        assertThat(hex(new TreeMap<>(Map.of("a", 1)))).isEqualTo("82c70001c0a2036101");
    }

    @Test
    void bytesCarryTheBlobPrefix() {
        assertThat(hex(new byte[] {9})).isEqualTo("a20409");
    }

    @Test
    void integersUseTheSmallestForm() {
        assertThat(hex(127L)).isEqualTo("7f");
        assertThat(hex(128L)).isEqualTo("cc80");
        assertThat(hex(-32L)).isEqualTo("e0");
        assertThat(hex(-33L)).isEqualTo("d0df");
        assertThat(hex(65536L)).isEqualTo("ce00010000");
        assertThat(hex(Long.MIN_VALUE)).isEqualTo("d38000000000000000");
    }

    @Test
    void keyOrderedMapReadsBackAsTreeMapWithoutItsHeader() {
        Object value = roundTrip(new TreeMap<>(Map.of("b", 2L, "a", 1L)));
        assertThat(value).isInstanceOf(TreeMap.class).isEqualTo(Map.of("a", 1L, "b", 2L));
    }

    @Test
    void preserveOrderMapReadsBackInOrder() {
        byte[] bytes = HexFormat.of().parseHex("83c70008c0a2036201a2036102");
        Object value = MessagePackReader.read(bytes, 0, bytes.length);
        assertThat(value).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) value).keySet())).isEqualTo(List.of("b", "a"));
    }

    @Test
    void orderedListHeaderIsDropped() {
        byte[] bytes = HexFormat.of().parseHex("93c7000101" + "02");
        assertThat(MessagePackReader.read(bytes, 0, bytes.length)).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void nestedValuesRoundTrip() {
        Map<Object, Object> map = new HashMap<>();
        map.put("list", List.of(1L, 2.5, "x", true, false));
        map.put(7L, Map.of("inner", List.of()));
        map.put("nil", null);
        Object back = roundTrip(map);
        assertThat(back).isEqualTo(map);
    }

    @Test
    void truncatedInputIsAParseError() {
        byte[] bytes = HexFormat.of().parseHex("92a203");
        assertThatThrownBy(() -> MessagePackReader.read(bytes, 0, bytes.length)).isInstanceOf(ParseException.class);
    }

    @Test
    void extValuesReadAsNull() {
        byte[] bytes = HexFormat.of().parseHex("92d4ff0001");
        assertThat(MessagePackReader.read(bytes, 0, bytes.length)).isEqualTo(Arrays.asList(null, 1L));
    }

    @Property(tries = 300)
    void longsRoundTrip(@ForAll long value) {
        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Property(tries = 200)
    void stringsRoundTrip(@ForAll String value) {
        assertThat(roundTrip(value)).isEqualTo(new String(value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    @Property(tries = 100)
    void listsOfLongsAndStringsRoundTrip(@ForAll("lists") List<Object> value) {
        assertThat(roundTrip(value)).isEqualTo(value);
    }

    @Provide
    Arbitrary<List<Object>> lists() {
        Arbitrary<Object> element = Arbitraries.oneOf(Arbitraries.longs().map(Object.class::cast),
                Arbitraries.strings().alpha().ofMaxLength(40).map(Object.class::cast));
        return element.list().ofMaxSize(70);
    }
}
