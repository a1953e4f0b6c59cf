package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.BatchDelete;
import com.aerospike.client.BatchRead;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batch reads and writes (reference §8.1-8.2): one result per key, in the caller's key order. */
class BatchTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    private Key[] keys(int count) {
        Key[] keys = new Key[count];
        for (int i = 0; i < count; i++) {
            keys[i] = new Key("test", set, i);
        }
        return keys;
    }

    /** Writes the even-numbered keys only, with bins a = i and b = "b" + i. */
    private Key[] keysWithEvenOnesStored(int count) {
        Key[] keys = keys(count);
        for (int i = 0; i < count; i += 2) {
            client.put(null, keys[i], new Bin("a", i), new Bin("b", "b" + i));
        }
        return keys;
    }

    @Test
    void batchGetReturnsNullForMissingKeysAndRecordsForTheOthers() {
        Key[] keys = keysWithEvenOnesStored(10);

        Record[] records = client.get(null, keys);

        assertThat(records).hasSize(10);
        for (int i = 0; i < 10; i++) {
            if (i % 2 == 0) {
                assertThat(records[i].bins).as("record %d", i).containsOnly(entry("a", (long) i), entry("b", "b" + i));
            } else {
                assertThat(records[i]).as("record %d", i).isNull();
            }
        }
    }

    @Test
    void batchGetOfNamedBinsReturnsOnlyThoseBins() {
        Key[] keys = keysWithEvenOnesStored(6);

        Record[] records = client.get(null, keys, "b");

        assertThat(records[0].bins).containsOnly(entry("b", "b0"));
        assertThat(records[4].bins).containsOnly(entry("b", "b4"));
        assertThat(records[1]).isNull();
    }

    @Test
    void batchExistsTellsWhichKeysAreStored() {
        Key[] keys = keysWithEvenOnesStored(6);

        assertThat(client.exists(null, keys)).containsExactly(true, false, true, false, true, false);
    }

    @Test
    void batchGetHeaderReturnsGenerationsWithoutBins() {
        Key[] keys = keysWithEvenOnesStored(4);
        client.put(null, keys[2], new Bin("a", 22));

        Record[] headers = client.getHeader(null, keys);

        assertThat(headers[0].generation).isEqualTo(1);
        assertThat(headers[0].bins).isNull();
        assertThat(headers[1]).isNull();
        assertThat(headers[2].generation).isEqualTo(2);
    }

    @Test
    void batchReadListFillsEachEntryWithItsRecordOrNotFound() {
        Key[] keys = keysWithEvenOnesStored(4);
        List<BatchRead> reads = List.of(
                new BatchRead(keys[0], true),
                new BatchRead(keys[1], true),
                new BatchRead(keys[2], new String[] {"a"}),
                new BatchRead(keys[3], new String[] {"a"}));

        client.get(null, reads);

        assertThat(reads.get(0).record.bins).containsOnly(entry("a", 0L), entry("b", "b0"));
        assertThat(reads.get(1).record).isNull();
        assertThat(reads.get(1).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(reads.get(2).record.bins).containsOnly(entry("a", 2L));
        assertThat(reads.get(2).resultCode).isEqualTo(ResultCode.OK);
        assertThat(reads.get(3).resultCode).isEqualTo(ResultCode.KEY_NOT_FOUND_ERROR);
    }

    @Test
    void batchOperateWritesDeletesAndReadsWithAResultPerRecord() {
        Key[] keys = keysWithEvenOnesStored(6);
        List<BatchRecord> records = List.of(
                new BatchWrite(keys[1], new Operation[] {Operation.put(new Bin("a", 100))}),
                new BatchWrite(keys[2], new Operation[] {Operation.add(new Bin("a", 5)), Operation.get("b")}),
                new BatchDelete(keys[4]),
                new BatchDelete(keys[5]),
                new BatchRead(keys[0], true),
                new BatchRead(keys[3], true));

        client.operate(null, records);

        assertThat(records).extracting(row -> row.resultCode).containsExactly(ResultCode.OK, ResultCode.OK,
                ResultCode.OK, ResultCode.KEY_NOT_FOUND_ERROR, ResultCode.OK, ResultCode.KEY_NOT_FOUND_ERROR);
        assertThat(records.get(1).record.getValue("b")).isEqualTo("b2");
        assertThat(records.get(4).record.bins).containsOnly(entry("a", 0L), entry("b", "b0"));
        assertThat(records.get(5).record).isNull();
        assertThat(client.get(null, keys[1]).bins).containsOnly(entry("a", 100L));
        assertThat(client.get(null, keys[2]).getLong("a")).isEqualTo(7);
        assertThat(client.exists(null, keys[4])).isFalse();
    }

    @Test
    void batchWriteRowFailureIsReportedInItsRowOnly() {
        Key[] keys = keys(3);
        client.put(null, keys[0], new Bin("s", "text"));
        List<BatchRecord> records = List.of(
                new BatchWrite(keys[0], new Operation[] {Operation.add(new Bin("s", 1))}),
                new BatchWrite(keys[1], new Operation[] {Operation.put(new Bin("a", 1))}),
                new BatchWrite(keys[2], new Operation[] {Operation.put(new Bin("a", 2))}));

        client.operate(null, records);

        assertThat(records).extracting(row -> row.resultCode)
                .containsExactly(ResultCode.BIN_TYPE_ERROR, ResultCode.OK, ResultCode.OK);
        assertThat(client.get(null, keys[0]).getString("s")).isEqualTo("text");
        assertThat(client.get(null, keys[2]).getLong("a")).isEqualTo(2);
    }

    @Test
    void batchOfFiveThousandKeysReturnsEveryRecord() {
        Key[] keys = keys(5000);
        for (int i = 0; i < keys.length; i++) {
            client.put(null, keys[i], new Bin("a", i));
        }

        Record[] records = client.get(null, keys);

        assertThat(records).hasSize(5000);
        for (int i = 0; i < keys.length; i++) {
            assertThat(records[i]).as("record %d", i).isNotNull();
            assertThat(records[i].getLong("a")).as("record %d", i).isEqualTo(i);
        }
    }

    @Test
    void batchOfFiveThousandMissingKeysReturnsAllNulls() {
        Record[] records = client.get(null, keys(5000));

        assertThat(records).hasSize(5000).containsOnlyNulls();
    }
}
