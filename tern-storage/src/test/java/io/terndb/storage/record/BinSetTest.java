package io.terndb.storage.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.storage.NativeMemory;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class BinSetTest {

    @Property(tries = 100)
    void encodeThenLoadGivesBackKeyAndBins(
            @ForAll @Size(max = 40) Map<@AlphaChars @StringLength(min = 1, max = 15) String, byte[]> bins,
            @ForAll @Size(max = 100) byte[] key) {
        BinSet written = new BinSet();
        written.key(key, 0, key.length);
        for (Map.Entry<String, byte[]> bin : bins.entrySet()) {
            byte[] name = bin.getKey().getBytes(StandardCharsets.UTF_8);
            int index = written.indexOrAdd(name, name.length);
            int offset = written.reserveValue(index, 4, bin.getValue().length);
            System.arraycopy(bin.getValue(), 0, written.values(), offset, bin.getValue().length);
        }
        int totalBytes = (int) written.encodedBytes();
        long record = NativeMemory.allocate(totalBytes);
        try {
            written.encode(record, totalBytes);
            assertThat(RecordLayout.totalBytes(record)).isEqualTo(totalBytes);
            BinSet read = new BinSet();
            read.load(record);
            assertThat(read.keyLength()).isEqualTo(key.length);
            assertThat(java.util.Arrays.copyOf(read.key(), key.length)).isEqualTo(key);
            assertThat(decode(read)).containsExactlyEntriesOf(asStrings(bins));
        } finally {
            NativeMemory.free(record);
        }
    }

    @Test
    void replacingAndRemovingBinsKeepsTheOthers() {
        BinSet bins = new BinSet();
        put(bins, "a", "1");
        put(bins, "b", "2");
        put(bins, "c", "3");
        put(bins, "b", "two");
        bins.remove(bins.indexOf("a".getBytes(StandardCharsets.UTF_8), 1));
        assertThat(decode(bins)).containsExactly(Map.entry("b", "two"), Map.entry("c", "3"));
    }

    private static void put(BinSet bins, String name, String value) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        int index = bins.indexOrAdd(nameBytes, nameBytes.length);
        int offset = bins.reserveValue(index, 3, valueBytes.length);
        System.arraycopy(valueBytes, 0, bins.values(), offset, valueBytes.length);
    }

    private static Map<String, String> decode(BinSet bins) {
        Map<String, String> decoded = new LinkedHashMap<>();
        for (int i = 0; i < bins.count(); i++) {
            decoded.put(new String(bins.names(), bins.nameOffset(i), bins.nameLength(i), StandardCharsets.UTF_8),
                    new String(bins.values(), bins.valueOffset(i), bins.valueLength(i), StandardCharsets.ISO_8859_1));
        }
        return decoded;
    }

    private static Map<String, String> asStrings(Map<String, byte[]> bins) {
        Map<String, String> strings = new LinkedHashMap<>();
        bins.forEach((name, value) -> strings.put(name, new String(value, StandardCharsets.ISO_8859_1)));
        return strings;
    }
}
