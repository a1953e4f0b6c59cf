package io.terndb.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.terndb.client.BatchOperation;
import io.terndb.client.BatchResult;
import io.terndb.client.Bin;
import io.terndb.client.GenerationPolicy;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.Record;
import io.terndb.client.RecordExistsAction;
import io.terndb.client.TernException;
import io.terndb.client.WritePolicy;
import io.terndb.protocol.ResultCode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every single-record and batch command of our client against a real server, sync and async. */
class ClientCommandsTest {

    @RegisterExtension
    static final TernClientExtension SERVER = new TernClientExtension();

    static Stream<Commands> modes() {
        return Stream.of(Commands.sync(SERVER.client()), Commands.async(SERVER.client()));
    }

    private static final WritePolicy WRITE = WritePolicy.builder()
            .totalTimeout(TernClientExtension.PATIENT).socketTimeout(TernClientExtension.PATIENT).build();

    private static Key key(TestInfo info, Commands mode, Object id) {
        String set = (info.getTestMethod().orElseThrow().getName() + "-" + mode);
        set = set.length() > 63 ? set.substring(0, 63) : set;
        return id instanceof String text ? new Key("test", set, text) : new Key("test", set, ((Number) id).longValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void putThenGetReturnsEveryBinWithGenerationOne(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WRITE, key, new Bin("i", 42), new Bin("s", "text"), new Bin("d", 1.5));

        Record record = commands.get(key);

        assertThat(record.bins()).containsOnly(entry("i", 42L), entry("s", "text"), entry("d", 1.5));
        assertThat(record.generation()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void everyValueTypeRoundTrips(Commands commands, TestInfo info) {
        Key key = key(info, commands, 7);
        Map<Object, Object> map = new TreeMap<>(Map.of("a", 1L, "b", List.of("x", 2.5)));
        commands.put(WRITE, key, new Bin("int", -7), new Bin("dbl", -0.25), new Bin("str", "héllo"),
                new Bin("bytes", new byte[] {0, 1, (byte) 255}), new Bin("bool", true),
                new Bin("list", List.of(1L, "two", new byte[] {3}, List.of(4L))), new Bin("map", map));

        Record record = commands.get(key);

        assertThat(record.getLong("int")).isEqualTo(-7);
        assertThat(record.getDouble("dbl")).isEqualTo(-0.25);
        assertThat(record.getString("str")).isEqualTo("héllo");
        assertThat(record.getBytes("bytes")).containsExactly(0, 1, 255);
        assertThat(record.getBoolean("bool")).isTrue();
        assertThat(record.getList("list")).hasSize(4).element(1).isEqualTo("two");
        assertThat((byte[]) record.getList("list").get(2)).containsExactly(3);
        assertThat(record.getMap("map")).isEqualTo(map);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void getOfNamedBinsAndHeaderAndMissingRecords(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WRITE, key, new Bin("a", 1), new Bin("b", 2));

        assertThat(commands.get(key, "b").bins()).containsOnly(entry("b", 2L));
        Record header = commands.getHeader(key);
        assertThat(header.bins()).isEmpty();
        assertThat(header.generation()).isEqualTo(1);
        assertThat(commands.get(key(info, commands, "missing"))).isNull();
        assertThat(commands.getHeader(key(info, commands, "missing"))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void existsDeleteAndTouch(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WRITE, key, new Bin("a", 1));

        assertThat(commands.exists(key)).isTrue();
        commands.touch(key);
        assertThat(commands.getHeader(key).generation()).isEqualTo(2);
        assertThat(commands.delete(key)).isTrue();
        assertThat(commands.exists(key)).isFalse();
        assertThat(commands.delete(key)).isFalse();
        assertThatThrownBy(() -> commands.touch(key)).isInstanceOf(TernException.class)
                .extracting(e -> ((TernException) e).resultCode()).isEqualTo(ResultCode.KEY_NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void addAppendAndPrepend(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WRITE, key, new Bin("n", 10), new Bin("s", "mid"));

        commands.add(WRITE, key, new Bin("n", 5));
        commands.append(WRITE, key, new Bin("s", "-end"));
        commands.prepend(WRITE, key, new Bin("s", "start-"));

        assertThat(commands.get(key).bins()).containsOnly(entry("n", 15L), entry("s", "start-mid-end"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void operateAppliesEveryKindOfOperationInOrder(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WRITE, key, new Bin("n", 1), new Bin("s", "b"));

        Record record = commands.operate(key, Operation.add(new Bin("n", 2)), Operation.append(new Bin("s", "c")),
                Operation.prepend(new Bin("s", "a")), Operation.put(new Bin("x", "new")), Operation.touch(),
                Operation.get("n"), Operation.get("s"));

        assertThat(record.bins()).containsOnly(entry("n", 3L), entry("s", "abc"));
        assertThat(record.generation()).isEqualTo(2);
        assertThat(commands.operate(key, Operation.get()).bins()).containsKeys("n", "s", "x");
        assertThat(commands.operate(key, Operation.getHeader()).bins()).isEmpty();

        commands.operate(key, Operation.delete());
        assertThat(commands.exists(key)).isFalse();
        assertThat(commands.operate(key, Operation.get("n"))).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void writePoliciesAreEnforcedByTheServer(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        WritePolicy createOnly = WritePolicy.builder().recordExistsAction(RecordExistsAction.CREATE_ONLY).build();
        WritePolicy updateOnly = WritePolicy.builder().recordExistsAction(RecordExistsAction.UPDATE_ONLY).build();
        commands.put(createOnly, key, new Bin("a", 1));

        assertThat(resultCode(() -> commands.put(createOnly, key, new Bin("a", 2)))).isEqualTo(ResultCode.KEY_EXISTS);
        assertThat(resultCode(() -> commands.put(updateOnly, key(info, commands, "none"), new Bin("a", 1))))
                .isEqualTo(ResultCode.KEY_NOT_FOUND);
        WritePolicy wrongGeneration = WritePolicy.builder().generation(GenerationPolicy.EXPECT_EQUAL, 5).build();
        assertThat(resultCode(() -> commands.put(wrongGeneration, key, new Bin("a", 3))))
                .isEqualTo(ResultCode.GENERATION_ERROR);
        WritePolicy rightGeneration = WritePolicy.builder().generation(GenerationPolicy.EXPECT_EQUAL, 1).build();
        commands.put(rightGeneration, key, new Bin("a", 4));
        WritePolicy replace = WritePolicy.builder().recordExistsAction(RecordExistsAction.REPLACE).build();
        commands.put(replace, key, new Bin("b", 5));
        assertThat(commands.get(key).bins()).containsOnly(entry("b", 5L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void ttlSetsTheVoidTime(Commands commands, TestInfo info) {
        Key key = key(info, commands, "k");
        commands.put(WritePolicy.builder().ttlSeconds(3600).build(), key, new Bin("a", 1));
        Key forever = key(info, commands, "forever");
        commands.put(WritePolicy.builder().ttlSeconds(-1).build(), forever, new Bin("a", 1));

        assertThat(commands.getHeader(key).ttlSeconds(System.currentTimeMillis())).isBetween(3500, 3600);
        assertThat(commands.getHeader(forever).ttlSeconds(System.currentTimeMillis())).isEqualTo(-1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void batchGetAndExistsAnswerPerKeyInKeyOrder(Commands commands, TestInfo info) {
        Key[] keys = new Key[300];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = key(info, commands, i);
            if (i % 3 == 0) {
                commands.put(WRITE, keys[i], new Bin("i", i));
            }
        }

        Record[] records = commands.get(keys);
        boolean[] exists = commands.exists(keys);

        for (int i = 0; i < keys.length; i++) {
            if (i % 3 == 0) {
                assertThat(records[i].getLong("i")).as("row %d", i).isEqualTo(i);
            } else {
                assertThat(records[i]).as("row %d", i).isNull();
            }
            assertThat(exists[i]).as("row %d", i).isEqualTo(i % 3 == 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void batchOperateReportsEachRow(Commands commands, TestInfo info) {
        Key stored = key(info, commands, 1);
        Key text = key(info, commands, 2);
        Key doomed = key(info, commands, 3);
        commands.put(WRITE, stored, new Bin("n", 1));
        commands.put(WRITE, text, new Bin("n", "text"));
        commands.put(WRITE, doomed, new Bin("n", 1));

        List<BatchResult> results = commands.operate(List.of(
                BatchOperation.of(stored, Operation.add(new Bin("n", 1)), Operation.get("n")),
                BatchOperation.of(text, Operation.add(new Bin("n", 1))),
                BatchOperation.delete(doomed),
                BatchOperation.of(key(info, commands, 4), Operation.get())));

        assertThat(results).extracting(BatchResult::resultCode).containsExactly(ResultCode.OK,
                ResultCode.BIN_TYPE_ERROR, ResultCode.OK, ResultCode.KEY_NOT_FOUND);
        assertThat(results.get(0).record().getLong("n")).isEqualTo(2);
        assertThat(commands.exists(doomed)).isFalse();
    }

    private static int resultCode(Runnable command) {
        try {
            command.run();
        } catch (TernException e) {
            return e.resultCode();
        }
        throw new AssertionError("expected a TernException");
    }
}
