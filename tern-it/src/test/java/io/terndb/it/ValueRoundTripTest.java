package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every value type the client can write comes back exactly as written. */
class ValueRoundTripTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    private Record roundTrip(Bin... bins) {
        Key key = new Key("test", set, "k");
        client.put(null, key, bins);
        return client.get(null, key);
    }

    @Test
    void integersRoundTripIncludingExtremes() {
        Record record = roundTrip(new Bin("min", Long.MIN_VALUE), new Bin("max", Long.MAX_VALUE),
                new Bin("zero", 0L), new Bin("minus-one", -1L), new Bin("int", Integer.MIN_VALUE));

        assertThat(record.getLong("min")).isEqualTo(Long.MIN_VALUE);
        assertThat(record.getLong("max")).isEqualTo(Long.MAX_VALUE);
        assertThat(record.getLong("zero")).isZero();
        assertThat(record.getLong("minus-one")).isEqualTo(-1L);
        assertThat(record.getValue("int")).isEqualTo((long) Integer.MIN_VALUE);
    }

    @Test
    void doublesRoundTripBitForBit() {
        double[] values = {3.141592653589793, -2.5e-300, Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        Bin[] bins = new Bin[values.length];
        for (int i = 0; i < values.length; i++) {
            bins[i] = new Bin("d" + i, values[i]);
        }

        Record record = roundTrip(bins);

        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(record.getDouble("d" + i)))
                    .as("bits of %s", values[i])
                    .isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
    }

    @Test
    void stringsRoundTripIncludingUnicodeAndEmpty() {
        String unicode = "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c\u8a9e \ud83d\udc26";

        Record record = roundTrip(new Bin("unicode", unicode), new Bin("empty", ""), new Bin("ascii", "plain"));

        assertThat(record.getValue("unicode")).isEqualTo(unicode);
        assertThat(record.getValue("empty")).isEqualTo("");
        assertThat(record.getValue("ascii")).isEqualTo("plain");
    }

    @Test
    void blobsRoundTripIncludingEmpty() {
        byte[] bytes = {0, 1, (byte) 0x80, (byte) 0xFF, 0x7F};

        Record record = roundTrip(new Bin("bytes", bytes), new Bin("empty", new byte[0]));

        assertThat(record.getBytes("bytes")).containsExactly(bytes);
        assertThat(record.getBytes("empty")).isEmpty();
    }

    @Test
    void blobOfHalfAMebibyteRoundTrips() {
        byte[] bytes = new byte[512 * 1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + (i >>> 9));
        }

        assertThat(roundTrip(new Bin("big", bytes)).getBytes("big")).isEqualTo(bytes);
    }

    @Test
    void booleansRoundTrip() {
        Record record = roundTrip(new Bin("yes", true), new Bin("no", false));

        assertThat(record.getValue("yes")).isEqualTo(Boolean.TRUE);
        assertThat(record.getValue("no")).isEqualTo(Boolean.FALSE);
    }

    @Test
    void listsRoundTripWithNestedValues() {
        List<Object> list = Arrays.asList(1L, -300L, "a", 2.5, null, true,
                List.of(List.of(), List.of(7L, "deep")), Map.of("k", "v"));

        Record record = roundTrip(new Bin("list", list), new Bin("empty", List.of()));

        assertThat(record.getList("list")).isEqualTo(list);
        assertThat(record.getList("empty")).isEmpty();
    }

    @Test
    void mapsRoundTripWithNestedValues() {
        Map<Object, Object> map = new HashMap<>();
        map.put("name", "tern");
        map.put(7L, List.of(1L, 2L));
        map.put("nested", Map.of("x", 1.5, "y", Map.of("z", false)));
        map.put("nothing", null);

        Record record = roundTrip(new Bin("map", map), new Bin("empty", Map.of()));

        assertThat(record.getMap("map")).isEqualTo(map);
        assertThat(record.getMap("empty")).isEmpty();
    }

    @Test
    void keyOrderedMapRoundTrips() {
        TreeMap<String, Long> map = new TreeMap<>(Map.of("c", 3L, "a", 1L, "b", 2L));

        assertThat(roundTrip(new Bin("sorted", map)).getMap("sorted")).isEqualTo(map);
    }

    @Test
    void recordsAreAddressedByIntegerStringAndBlobKeys() {
        Key integerKey = new Key("test", set, 42L);
        Key stringKey = new Key("test", set, "42");
        Key blobKey = new Key("test", set, new byte[] {4, 2});
        client.put(null, integerKey, new Bin("kind", "integer"));
        client.put(null, stringKey, new Bin("kind", "string"));
        client.put(null, blobKey, new Bin("kind", "blob"));

        assertThat(client.get(null, integerKey).getString("kind")).isEqualTo("integer");
        assertThat(client.get(null, stringKey).getString("kind")).isEqualTo("string");
        assertThat(client.get(null, blobKey).getString("kind")).isEqualTo("blob");
    }
}
