package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.CTX;
import com.aerospike.client.cdt.ListOperation;
import com.aerospike.client.cdt.ListOrder;
import com.aerospike.client.cdt.ListPolicy;
import com.aerospike.client.cdt.ListReturnType;
import com.aerospike.client.cdt.ListSortFlags;
import com.aerospike.client.cdt.ListWriteFlags;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.policy.WritePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * List operations ({@code ListOperation}, {@code CTX}) from the official client against a TernDB process: every op
 * family, return types, write flags, result codes and nested contexts, with the answers the original gives.
 */
class ListOperationTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final String BIN = "l";

    private AerospikeClient client;
    private Key key;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        key = new Key("test", TestSets.of(info), "k");
        client.delete(null, key);
    }

    private static List<Value> values(Object... items) {
        List<Value> list = new ArrayList<>();
        for (Object item : items) {
            list.add(Value.get(item));
        }
        return list;
    }

    private List<Object> results(Operation... operations) {
        Record record = client.operate(null, key, operations);
        return record == null || record.getList(BIN) == null ? null : asList(record.getList(BIN));
    }

    private static List<Object> asList(Object list) {
        return new ArrayList<>((List<?>) list);
    }

    private int failure(Operation... operations) {
        try {
            client.operate(null, key, operations);
        } catch (AerospikeException e) {
            return e.getResultCode();
        }
        throw new AssertionError("operate succeeded");
    }

    @Test
    void appendPopAndSizeOnANewBin() {
        List<Object> results = results(ListOperation.append(BIN, Value.get(55)), ListOperation.append(BIN, Value.get(77)),
                ListOperation.pop(BIN, -1), ListOperation.size(BIN));

        assertThat(results).containsExactly(1L, 2L, 77L, 1L);
        assertThat(asList(client.get(null, key).getList(BIN))).containsExactly(55L);
    }

    @Test
    void insertAndRangesCountFromEitherEnd() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(12, -8734, "my string")));

        List<Object> results = results(ListOperation.insert(BIN, -1, Value.get(8)), ListOperation.getRange(BIN, 0, 4),
                ListOperation.getRange(BIN, 3), ListOperation.get(BIN, 2), ListOperation.getRange(BIN, -2, 4),
                ListOperation.getRange(BIN, 9, 1));

        assertThat(results.get(0)).isEqualTo(4L);
        assertThat(asList(results.get(1))).containsExactly(12L, -8734L, 8L, "my string");
        assertThat(asList(results.get(2))).containsExactly("my string");
        assertThat(results.get(3)).isEqualTo(8L);
        assertThat(asList(results.get(4))).containsExactly(8L, "my string");
        assertThat(asList(results.get(5))).isEmpty();
    }

    @Test
    void everyValueTypeRoundTrips() {
        List<Object> inner = new ArrayList<>(List.of(1L, "x"));
        Map<Object, Object> map = new TreeMap<>(Map.of("a", 1L));
        List<Object> results = results(ListOperation.appendItems(BIN, values(7L, "s", 2.5, true, new byte[] {1, 2}, inner,
                map)), ListOperation.getRange(BIN, 0));

        assertThat(results.get(0)).isEqualTo(7L);
        List<Object> all = asList(results.get(1));
        assertThat(all.subList(0, 4)).containsExactly(7L, "s", 2.5, true);
        assertThat((byte[]) all.get(4)).containsExactly(1, 2);
        assertThat(asList(all.get(5))).containsExactly(1L, "x");
        assertThat(((Map<?, ?>) all.get(6)).get("a")).isEqualTo(1L);
    }

    @Test
    void setTrimRemoveClearAndIncrement() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(1, 2, 3, 4, 5, 6)));

        List<Object> results = results(ListOperation.set(BIN, 8, Value.get(9)), ListOperation.remove(BIN, 0),
                ListOperation.removeRange(BIN, 0, 2), ListOperation.trim(BIN, 1, 2), ListOperation.increment(BIN, 0),
                ListOperation.increment(BIN, 1, Value.get(2.5)), ListOperation.getRange(BIN, 0));

        // [1..6] -> set(8) pads: [1,2,3,4,5,6,nil,nil,9] -> remove(0) -> removeRange(0,2) -> [4,5,6,nil,nil,9]
        // -> trim(1,2) keeps [5,6] (4 removed) -> increment(0) 6 -> increment(1, 2.5) on an integer stays one: 8
        assertThat(results.subList(0, 5)).containsExactly(1L, 2L, 4L, 6L, 8L);
        assertThat(asList(results.get(5))).containsExactly(6L, 8L);

        assertThat(client.operate(null, key, ListOperation.clear(BIN), ListOperation.size(BIN)).getLong(BIN))
                .isZero();
    }

    @Test
    void sortDropsDuplicates() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(-44, 33, -1, 33, -2)));

        List<Object> results = results(ListOperation.sort(BIN, ListSortFlags.DROP_DUPLICATES), ListOperation.size(BIN),
                ListOperation.getRange(BIN, 0));

        assertThat(results.get(0)).isEqualTo(4L);
        assertThat(asList(results.get(1))).containsExactly(-44L, -2L, -1L, 33L);
    }

    @Test
    void getByFamiliesOnAnUnorderedList() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(4, 3, 1, 5, 2)));

        List<Object> results = results(ListOperation.getByIndex(BIN, 3, ListReturnType.VALUE),
                ListOperation.getByValue(BIN, Value.get(3), ListReturnType.INDEX | ListReturnType.INVERTED),
                ListOperation.getByValueRange(BIN, Value.get(-1), Value.get(3),
                        ListReturnType.COUNT | ListReturnType.INVERTED),
                ListOperation.getByValueList(BIN, values(4, 2), ListReturnType.RANK | ListReturnType.INVERTED),
                ListOperation.getByIndexRange(BIN, -2, 2, ListReturnType.VALUE | ListReturnType.INVERTED),
                ListOperation.getByRankRange(BIN, 2, 3, ListReturnType.VALUE | ListReturnType.INVERTED),
                ListOperation.getByRank(BIN, 0, ListReturnType.INDEX),
                ListOperation.getByIndex(BIN, 1, ListReturnType.REVERSE_RANK),
                ListOperation.getByValueRange(BIN, Value.get(2), Value.get(4), ListReturnType.EXISTS));

        assertThat(results.get(0)).isEqualTo(5L);
        assertThat(asList(results.get(1))).containsExactly(0L, 2L, 3L, 4L);
        assertThat(results.get(2)).isEqualTo(3L);
        assertThat(asList(results.get(3))).containsExactly(0L, 2L, 4L);
        assertThat(asList(results.get(4))).containsExactly(4L, 3L, 1L);
        assertThat(asList(results.get(5))).containsExactly(1L, 2L);
        assertThat(results.get(6)).isEqualTo(2L);
        assertThat(results.get(7)).isEqualTo(2L);
        assertThat(results.get(8)).isEqualTo(true);
    }

    @Test
    void orderedListAnswersByRankAndInterval() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(4, 3, 1, 5, 2)));

        List<Object> results = results(ListOperation.setOrder(BIN, ListOrder.ORDERED),
                ListOperation.getByValue(BIN, Value.get(3), ListReturnType.INDEX),
                ListOperation.getByValueRange(BIN, Value.get(-1), Value.get(3), ListReturnType.COUNT),
                ListOperation.getByValueList(BIN, values(4, 2), ListReturnType.RANK),
                ListOperation.getByIndex(BIN, 3, ListReturnType.VALUE),
                ListOperation.getByIndexRange(BIN, -2, 2, ListReturnType.VALUE),
                ListOperation.getByRank(BIN, 0, ListReturnType.VALUE),
                ListOperation.getByRankRange(BIN, 2, 3, ListReturnType.VALUE),
                ListOperation.getByValueRange(BIN, Value.get(4), Value.INFINITY, ListReturnType.VALUE));

        assertThat(asList(results.get(0))).containsExactly(2L);
        assertThat(results.get(1)).isEqualTo(2L);
        assertThat(asList(results.get(2))).containsExactly(3L, 1L);
        assertThat(results.get(3)).isEqualTo(4L);
        assertThat(asList(results.get(4))).containsExactly(4L, 5L);
        assertThat(results.get(5)).isEqualTo(1L);
        assertThat(asList(results.get(6))).containsExactly(3L, 4L, 5L);
        assertThat(asList(results.get(7))).containsExactly(4L, 5L);
    }

    @Test
    void relativeRankRangesOnAnOrderedList() {
        client.operate(null, key, ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, ListWriteFlags.DEFAULT),
                BIN, values(0, 4, 5, 9, 11, 15)));

        List<Object> results = results(
                ListOperation.getByValueRelativeRankRange(BIN, Value.get(5), -1, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, Value.get(3), 3, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, Value.get(3), -3, 2, ListReturnType.VALUE),
                ListOperation.getByValueRelativeRankRange(BIN, Value.get(5), 1, 1, ListReturnType.VALUE));

        assertThat(asList(results.get(0))).containsExactly(4L, 5L, 9L, 11L, 15L);
        assertThat(asList(results.get(1))).containsExactly(11L, 15L);
        assertThat(asList(results.get(2))).isEmpty();
        assertThat(asList(results.get(3))).containsExactly(9L);
    }

    @Test
    void removeByFamilies() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(-44, 33, -1, 33, -2, 0, 22, 11, 14, 6)));

        List<Object> results = results(ListOperation.removeByValue(BIN, Value.get(0), ListReturnType.INDEX),
                ListOperation.removeByValueList(BIN, values(-45, 14), ListReturnType.VALUE),
                ListOperation.removeByValueRange(BIN, Value.get(33), Value.get(100), ListReturnType.VALUE),
                ListOperation.removeByIndex(BIN, 1, ListReturnType.VALUE),
                ListOperation.removeByIndexRange(BIN, 100, 101, ListReturnType.VALUE),
                ListOperation.removeByRank(BIN, 0, ListReturnType.VALUE),
                ListOperation.removeByRankRange(BIN, 3, 1, ListReturnType.VALUE),
                ListOperation.removeByValueRelativeRankRange(BIN, Value.get(-2), 0, 1, ListReturnType.NONE));

        assertThat(asList(results.get(0))).containsExactly(5L);
        assertThat(asList(results.get(1))).containsExactly(14L);
        assertThat(asList(results.get(2))).containsExactly(33L, 33L);
        assertThat(results.get(3)).isEqualTo(-1L);
        assertThat(asList(results.get(4))).isEmpty();
        assertThat(results.get(5)).isEqualTo(-44L);
        assertThat(asList(results.get(6))).containsExactly(22L);
        assertThat(results).hasSize(7); // NONE answers nothing at all
        assertThat(asList(client.get(null, key).getList(BIN))).containsExactly(11L, 6L);
    }

    @Test
    void writeFlagsUniqueBoundedPartialNoFail() {
        ListPolicy unique = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.ADD_UNIQUE);
        ListPolicy uniqueNoFail = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.ADD_UNIQUE
                | ListWriteFlags.NO_FAIL);
        ListPolicy bounded = new ListPolicy(ListOrder.UNORDERED, ListWriteFlags.INSERT_BOUNDED);
        client.operate(null, key, ListOperation.appendItems(BIN, values(1, 2)));

        assertThat(failure(ListOperation.append(unique, BIN, Value.get(2)))).isEqualTo(ResultCode.ELEMENT_EXISTS);
        
        assertThat(client.operate(null, key, ListOperation.append(uniqueNoFail, BIN, Value.get(2))).getLong(BIN))
                .isEqualTo(2L);
        assertThat(failure(ListOperation.insert(bounded, BIN, 5, Value.get(9))))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);

        ListPolicy partial = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.PARTIAL
                | ListWriteFlags.NO_FAIL);
        ListPolicy strict = new ListPolicy(ListOrder.ORDERED, ListWriteFlags.ADD_UNIQUE | ListWriteFlags.NO_FAIL);
        List<Value> items = values(0, 4, 5, 9, 9, 11, 15, 0);
        Record record = client.operate(null, key, ListOperation.appendItems(partial, "p", items),
                ListOperation.appendItems(strict, "q", items));
        assertThat(record.getLong("p")).isEqualTo(6L);
        assertThat(record.getLong("q")).isEqualTo(0L);
    }

    @Test
    void resultCodesAsTheOriginal() {
        client.put(null, key, new Bin("i", 5));
        client.operate(null, key, ListOperation.appendItems(BIN, values(1, 2, 3)));

        assertThat(failure(ListOperation.append("i", Value.get(1)))).isEqualTo(ResultCode.BIN_TYPE_ERROR);
        assertThat(failure(ListOperation.get(BIN, 3))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(failure(ListOperation.getByIndex(BIN, -4, ListReturnType.VALUE)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(failure(ListOperation.getByIndex(BIN, 0, ListReturnType.VALUE | ListReturnType.INVERTED)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        client.operate(null, key, ListOperation.setOrder(BIN, ListOrder.ORDERED));
        assertThat(failure(ListOperation.insert(BIN, 0, Value.get(0)))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(failure(ListOperation.size(BIN, CTX.listIndex(0)))).isEqualTo(ResultCode.BIN_TYPE_ERROR);
        assertThat(failure(ListOperation.size(BIN, CTX.listIndex(7)))).isEqualTo(ResultCode.OP_NOT_APPLICABLE);
        assertThat(failure(ListOperation.size(BIN, CTX.mapKey(Value.get("x")))))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void failedOpLeavesTheRecordUnchanged() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(1, 2, 3)));
        int generation = client.getHeader(null, key).generation;

        assertThat(failure(ListOperation.append(BIN, Value.get(4)), ListOperation.get(BIN, 10)))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);

        Record record = client.get(null, key);
        assertThat(asList(record.getList(BIN))).containsExactly(1L, 2L, 3L);
        assertThat(record.generation).isEqualTo(generation);
    }

    @Test
    void readsOfAMissingBinOrRecord() {
        assertThat(client.operate(null, key, ListOperation.size(BIN))).isNull();
        client.put(null, key, new Bin("other", 1));
        Record record = client.operate(null, key, ListOperation.size(BIN), Operation.get("other"));
        assertThat(record.bins).containsOnlyKeys("other");
        assertThat(client.operate(null, key, ListOperation.removeByIndex(BIN, 0, ListReturnType.VALUE)).bins)
                .isNull(); // nothing to remove: no answer
        assertThat(client.get(null, key).bins).containsOnlyKeys("other");
    }

    @Test
    void nestedContextsThroughListsAndMaps() {
        client.put(null, key, new Bin(BIN, List.of(List.of(7, 9, 5), List.of(1, 2, 3), List.of(6, 5, 4, 1))));

        List<Object> results = results(ListOperation.append(BIN, Value.get(11), CTX.listIndex(-1)),
                ListOperation.getByRank(BIN, 0, ListReturnType.VALUE, CTX.listRank(0)),
                ListOperation.size(BIN, CTX.listValue(Value.get(List.of(7, 9, 5)))), Operation.get(BIN));

        assertThat(results.get(0)).isEqualTo(5L);
        assertThat(results.get(1)).isEqualTo(1L);
        assertThat(results.get(2)).isEqualTo(3L);
        assertThat(asList(((List<?>) results.get(3)).get(2))).containsExactly(6L, 5L, 4L, 1L, 11L);

        Key mapKey = new Key("test", key.setName, "m");
        client.put(null, mapKey, new Bin("m", Map.of("key1", List.of(List.of(7, 9, 5), List.of(13)),
                "key2", List.of(List.of(9), List.of(2, 4), List.of(6, 1, 9)))));
        Record record = client.operate(null, mapKey,
                ListOperation.append("m", Value.get(11), CTX.mapKey(Value.get("key2")), CTX.listRank(0)),
                ListOperation.getByIndex("m", 0, ListReturnType.VALUE, CTX.mapIndex(0), CTX.listIndex(1)),
                ListOperation.size("m", CTX.mapRank(1)),
                Operation.get("m"));
        List<?> mapResults = record.getList("m");
        assertThat(asList(mapResults.subList(0, 3))).containsExactly(3L, 13L, 3L);
        Map<?, ?> map = (Map<?, ?>) mapResults.get(3);
        assertThat(asList(((List<?>) map.get("key2")).get(1))).containsExactly(2L, 4L, 11L);
    }

    @Test
    void createContextsBuildMissingLevels() {
        client.operate(null, key, ListOperation.appendItems(new ListPolicy(ListOrder.ORDERED, 0), BIN,
                values(List.of(7, 9, 5), List.of(1, 2, 3), List.of(6, 5, 4, 1))));

        List<Object> results = results(ListOperation.append(BIN, Value.get(2),
                CTX.listIndexCreate(3, ListOrder.ORDERED, false)), Operation.get(BIN));
        assertThat(results.get(0)).isEqualTo(1L);
        assertThat(asList(((List<?>) results.get(1)).get(1))).containsExactly(2L);

        Record record = client.operate(null, key, ListOperation.append("deep", Value.get("v"),
                CTX.mapKeyCreate(Value.get("a"), MapOrder.KEY_ORDERED),
                CTX.listIndexCreate(2, ListOrder.UNORDERED, true)), Operation.get("deep"));
        List<?> deep = record.getList("deep");
        assertThat(deep.get(0)).isEqualTo(1L);
        Map<?, ?> outer = (Map<?, ?>) deep.get(1);
        assertThat(outer).isInstanceOf(TreeMap.class);
        List<Object> padded = asList(outer.get("a"));
        assertThat(padded).hasSize(3);
        assertThat(padded.get(0)).isNull();
        assertThat(asList(padded.get(2))).containsExactly("v");

        assertThat(failure(ListOperation.append(BIN, Value.get(1), CTX.listIndex(9))))
                .isEqualTo(ResultCode.OP_NOT_APPLICABLE);
    }

    @Test
    void createWithRespondAllOpsAnswersEveryOp() {
        WritePolicy policy = new WritePolicy();
        policy.respondAllOps = true;

        Record record = client.operate(policy, key, ListOperation.create(BIN, ListOrder.ORDERED, false, true),
                ListOperation.appendItems(ListPolicy.Default, BIN, values(3, 2, 1)), Operation.get(BIN));

        List<?> results = record.getList(BIN);
        assertThat(results).hasSize(3);
        assertThat(results.get(0)).isNull();
        assertThat(results.get(1)).isEqualTo(3L);
        assertThat(asList(results.get(2))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void wildcardMatchesByPrefix() {
        client.operate(null, key, ListOperation.appendItems(BIN, values(List.of("John", 55), List.of("Jim", 95),
                List.of("Joe", 80))));

        List<Object> results = results(ListOperation.getByValue(BIN, Value.get(List.of(Value.get("Jim"),
                Value.WILDCARD)), ListReturnType.VALUE));

        assertThat(asList(results.get(0))).containsExactly("Jim", 95L);
    }

    @Test
    void recordOverMaxSizeIsRefusedAndUnchanged() {
        client.operate(null, key, ListOperation.append(BIN, Value.get("x")));
        byte[] big = new byte[700 * 1024];

        assertThatThrownBy(() -> client.operate(null, key, ListOperation.append(BIN, Value.get(big)),
                ListOperation.append(BIN, Value.get(big))))
                .isInstanceOfSatisfying(AerospikeException.class,
                        e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.RECORD_TOO_BIG));
        assertThat(asList(client.get(null, key).getList(BIN))).containsExactly("x");
    }
}
