package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code operate}: several ops on one record in one command, applied and answered in op order. */
class OperateTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private AerospikeClient client;
    private Key key;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        key = new Key("test", TestSets.of(info), "k");
    }

    @Test
    void readResultsComeInOpOrderAndSeeEarlierWrites() {
        client.put(null, key, new Bin("i", 0));

        Record record = client.operate(null, key,
                Operation.add(new Bin("i", 5)), Operation.get("i"),
                Operation.add(new Bin("i", 1)), Operation.get("i"));

        assertThat(new ArrayList<Object>(record.getList("i"))).containsExactly(5L, 6L);
    }

    @Test
    void putAppendPrependThenGetBuildsTheString() {
        Record record = client.operate(null, key,
                Operation.put(new Bin("s", "x")),
                Operation.append(new Bin("s", "y")),
                Operation.prepend(new Bin("s", "w")),
                Operation.get("s"));

        assertThat(record.getString("s")).isEqualTo("wxy");
        assertThat(client.get(null, key).getString("s")).isEqualTo("wxy");
    }

    @Test
    void addIncrementsIntegerAndDoubleBins() {
        client.put(null, key, new Bin("n", 10), new Bin("d", 1.5));

        Record record = client.operate(null, key,
                Operation.add(new Bin("n", -3)), Operation.add(new Bin("d", 2.25)),
                Operation.get("n"), Operation.get("d"));

        assertThat(record.getLong("n")).isEqualTo(7);
        assertThat(record.getDouble("d")).isEqualTo(3.75);
    }

    @Test
    void addCreatesMissingRecordAndBin() {
        Record record = client.operate(null, key, Operation.add(new Bin("n", 4)), Operation.get("n"));

        assertThat(record.getLong("n")).isEqualTo(4);
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void getWithoutBinNameReturnsAllBinsAfterTheWrites() {
        client.put(null, key, new Bin("a", 1));

        Record record = client.operate(null, key, Operation.put(new Bin("b", 2)), Operation.get());

        assertThat(record.bins).containsOnly(entry("a", 1L), entry("b", 2L));
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void touchIncrementsGenerationAndGetHeaderReturnsNoBins() {
        client.put(null, key, new Bin("a", 1));

        Record record = client.operate(null, key, Operation.touch(), Operation.getHeader());

        assertThat(record.generation).isEqualTo(2);
        assertThat(record.bins).isNull();
        assertThat(client.get(null, key).bins).containsOnly(entry("a", 1L));
    }

    @Test
    void getHeaderAloneReturnsGenerationWithoutBins() {
        client.put(null, key, new Bin("a", 1));

        Record record = client.operate(null, key, Operation.getHeader());

        assertThat(record.generation).isEqualTo(1);
        assertThat(record.bins).isNull();
    }

    @Test
    void deleteOpRemovesTheRecord() {
        client.put(null, key, new Bin("a", 1));

        client.operate(null, key, Operation.delete());

        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void deleteOpFollowedByPutLeavesOnlyTheNewBins() {
        client.put(null, key, new Bin("a", 1), new Bin("b", 2));

        client.operate(null, key, Operation.delete(), Operation.put(new Bin("c", 3)));

        assertThat(client.get(null, key).bins).containsOnly(entry("c", 3L));
    }

    @Test
    void readOnlyOperateOnMissingRecordReturnsNull() {
        assertThat(client.operate(null, key, Operation.get("a"))).isNull();
    }

    @Test
    void addToStringBinFailsWithBinTypeErrorAndAppliesNoOp() {
        client.put(null, key, new Bin("s", "text"), new Bin("n", 1));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR, () -> client.operate(null, key,
                Operation.add(new Bin("n", 1)), Operation.add(new Bin("s", 1))));

        Record record = client.get(null, key);
        assertThat(record.bins).containsOnly(entry("s", "text"), entry("n", 1L));
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void appendToIntegerBinFailsWithBinTypeError() {
        client.put(null, key, new Bin("n", 1));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR,
                () -> client.operate(null, key, Operation.append(new Bin("n", "x"))));

        assertThat(client.get(null, key).getLong("n")).isEqualTo(1);
    }

    @Test
    void prependToIntegerBinFailsWithBinTypeError() {
        client.put(null, key, new Bin("n", 1));

        ResultCodes.assertFailsWith(ResultCode.BIN_TYPE_ERROR,
                () -> client.operate(null, key, Operation.prepend(new Bin("n", "x"))));
    }
}
