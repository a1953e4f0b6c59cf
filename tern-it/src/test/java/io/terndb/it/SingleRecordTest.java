package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.Policy;
import com.aerospike.client.policy.WritePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** put, get, getHeader, exists, delete, touch and the one-op convenience writes on single records. */
class SingleRecordTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    private Key key(Object userKey) {
        return new Key("test", set, Value.get(userKey));
    }

    @Test
    void getReturnsAllBinsOfAPutRecord() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", "x"));

        Record record = client.get(null, key("k"));

        assertThat(record.bins).containsOnly(entry("a", 1L), entry("b", "x"));
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void readReturnsNullForMissingRecord() {
        assertThat(client.get(null, key("missing"))).isNull();
        assertThat(client.get(null, key("missing"), "a")).isNull();
        assertThat(client.getHeader(null, key("missing"))).isNull();
    }

    @Test
    void getOfNamedBinsReturnsOnlyThoseBins() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 2), new Bin("c", 3));

        Record record = client.get(null, key("k"), "a", "c");

        assertThat(record.bins).containsOnly(entry("a", 1L), entry("c", 3L));
    }

    @Test
    void getOfOnlyAbsentBinsReturnsRecordWithoutBins() {
        client.put(null, key("k"), new Bin("a", 1));

        Record record = client.get(null, key("k"), "no-such-bin");

        assertThat(record).isNotNull();
        assertThat(record.bins).isNull();
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void getHeaderReturnsGenerationWithoutBins() {
        client.put(null, key("k"), new Bin("a", 1));
        client.put(null, key("k"), new Bin("a", 2));

        Record header = client.getHeader(null, key("k"));

        assertThat(header.bins).isNull();
        assertThat(header.generation).isEqualTo(2);
    }

    @Test
    void existsIsTrueForStoredRecordAndFalseForMissing() {
        client.put(null, key("k"), new Bin("a", 1));

        assertThat(client.exists(null, key("k"))).isTrue();
        assertThat(client.exists(null, key("missing"))).isFalse();
    }

    @Test
    void deleteReturnsTrueThenFalse() {
        client.put(null, key("k"), new Bin("a", 1));

        assertThat(client.delete(null, key("k"))).isTrue();
        assertThat(client.delete(null, key("k"))).isFalse();
        assertThat(client.get(null, key("k"))).isNull();
    }

    @Test
    void putOverwritesBinsAndIncrementsGeneration() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 1));
        client.put(null, key("k"), new Bin("a", 2));

        Record record = client.get(null, key("k"));

        assertThat(record.bins).containsOnly(entry("a", 2L), entry("b", 1L));
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void touchIncrementsGenerationAndKeepsBins() {
        client.put(null, key("k"), new Bin("a", 1));

        client.touch(null, key("k"));

        Record record = client.get(null, key("k"));
        assertThat(record.generation).isEqualTo(2);
        assertThat(record.bins).containsOnly(entry("a", 1L));
    }

    @Test
    void touchOfMissingRecordFailsWithKeyNotFound() {
        ResultCodes.assertFailsWith(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.touch(null, key("missing")));
        assertThat(client.exists(null, key("missing"))).isFalse();
    }

    @Test
    void writingNullToABinDeletesThatBin() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 2), new Bin("c", 3));

        client.put(null, key("k"), Bin.asNull("a"), new Bin("c", Value.getAsNull()));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("b", 2L));
    }

    @Test
    void deletingTheLastBinDeletesTheRecord() {
        client.put(null, key("k"), new Bin("a", 1));

        client.put(null, key("k"), Bin.asNull("a"));

        assertThat(client.exists(null, key("k"))).isFalse();
        assertThat(client.get(null, key("k"))).isNull();
    }

    @Test
    void addCreatesAndIncrementsIntegerBin() {
        client.add(null, key("k"), new Bin("n", 5));
        client.add(null, key("k"), new Bin("n", -7));

        assertThat(client.get(null, key("k")).getLong("n")).isEqualTo(-2);
    }

    @Test
    void appendAndPrependExtendStringBin() {
        client.put(null, key("k"), new Bin("s", "mid"));

        client.append(null, key("k"), new Bin("s", "-end"));
        client.prepend(null, key("k"), new Bin("s", "start-"));

        assertThat(client.get(null, key("k")).getString("s")).isEqualTo("start-mid-end");
    }

    @Test
    void addToStringBinFailsWithBinTypeErrorAndChangesNothing() {
        client.put(null, key("k"), new Bin("s", "text"));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key("k"), new Bin("s", 1)));

        Record record = client.get(null, key("k"));
        assertThat(record.getString("s")).isEqualTo("text");
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void appendToIntegerBinFailsWithBinTypeErrorAndChangesNothing() {
        client.put(null, key("k"), new Bin("n", 1));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR,
                () -> client.append(null, key("k"), new Bin("n", "x")));

        Record record = client.get(null, key("k"));
        assertThat(record.getLong("n")).isEqualTo(1);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void addOfDoubleToIntegerBinFailsWithBinTypeError() {
        client.put(null, key("k"), new Bin("n", 1));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR, () -> client.add(null, key("k"), new Bin("n", 0.5)));

        assertThat(client.get(null, key("k")).getLong("n")).isEqualTo(1);
    }

    @Test
    void appendOfBytesExtendsBlobBin() {
        client.put(null, key("k"), new Bin("b", new byte[] {1, 2}));

        client.append(null, key("k"), new Bin("b", new byte[] {3}));
        client.prepend(null, key("k"), new Bin("b", new byte[] {0}));

        assertThat(client.get(null, key("k")).getBytes("b")).containsExactly(0, 1, 2, 3);
    }

    @Test
    void appendOfStringToBlobBinFailsWithBinTypeError() {
        client.put(null, key("k"), new Bin("b", new byte[] {1}));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR,
                () -> client.append(null, key("k"), new Bin("b", "x")));
    }

    @Test
    void compressedRequestsAreServed() {
        WritePolicy write = new WritePolicy(client.getWritePolicyDefault());
        write.compress = true;
        Policy read = new Policy(client.getReadPolicyDefault());
        read.compress = true;
        String text = "tern ".repeat(20_000);

        client.put(write, key("k"), new Bin("s", text), new Bin("n", 7));

        Record record = client.get(read, key("k"));
        assertThat(record.getString("s")).isEqualTo(text);
        assertThat(record.getLong("n")).isEqualTo(7);
    }

    @Test
    void binNamesAreCaseSensitive() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("A", 2));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("a", 1L), entry("A", 2L));
    }

    @Test
    void recordsWithSameUserKeyInDifferentSetsAreDistinct() {
        client.put(null, new Key("test", set + "-one", "k"), new Bin("a", 1));
        client.put(null, new Key("test", set + "-two", "k"), new Bin("a", 2));
        client.put(null, new Key("test", (String) null, "k" + set), new Bin("a", 3));

        assertThat(client.get(null, new Key("test", set + "-one", "k")).getLong("a")).isEqualTo(1);
        assertThat(client.get(null, new Key("test", set + "-two", "k")).getLong("a")).isEqualTo(2);
        assertThat(client.get(null, new Key("test", (String) null, "k" + set)).getLong("a")).isEqualTo(3);
    }
}
