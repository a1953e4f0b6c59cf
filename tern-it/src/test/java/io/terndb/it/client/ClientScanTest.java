package io.terndb.it.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.Key;
import io.terndb.client.PartitionFilter;
import io.terndb.client.ScanPolicy;
import io.terndb.client.Value;
import io.terndb.client.WritePolicy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Partition scans: whole set, pages with resume, partition ranges, stored user keys; sync and async. */
class ClientScanTest {

    @RegisterExtension
    static final TernClientExtension SERVER = new TernClientExtension();

    private static final int RECORDS = 500;

    static Stream<Commands> modes() {
        return Stream.of(Commands.sync(SERVER.client()), Commands.async(SERVER.client()));
    }

    private static String load(Commands commands, TestInfo info) {
        String set = info.getTestMethod().orElseThrow().getName() + "-" + commands;
        WritePolicy sendKey = WritePolicy.builder().sendKey(true).build();
        for (int i = 0; i < RECORDS; i++) {
            commands.put(sendKey, new Key("test", set, i), new Bin("i", i), new Bin("s", "v" + i));
        }
        return set;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void scanOfASetReturnsEveryRecordOnceWithItsKey(Commands commands, TestInfo info) {
        String set = load(commands, info);
        Map<Long, Long> seen = new ConcurrentHashMap<>();
        PartitionFilter filter = PartitionFilter.all();

        commands.scan(ScanPolicy.DEFAULT, filter, "test", set, (key, record) -> {
            Value.IntegerValue userKey = (Value.IntegerValue) key.userKey();
            assertThat(key.set()).isEqualTo(set);
            seen.merge(userKey.value(), record.getLong("i"), (a, b) -> -1L);
        });

        assertThat(seen).hasSize(RECORDS);
        assertThat(seen).allSatisfy((id, value) -> assertThat(value).isEqualTo(id));
        assertThat(filter.isDone()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void pagedScanResumesWhereItStoppedUntilDone(Commands commands, TestInfo info) {
        String set = load(commands, info);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        PartitionFilter filter = PartitionFilter.all();
        ScanPolicy page = ScanPolicy.builder().maxRecords(120).build();
        int pages = 0;

        while (!filter.isDone() && pages < 100) {
            int[] count = new int[1];
            commands.scan(page, filter, "test", set, (key, record) -> {
                synchronized (count) {
                    count[0]++;
                }
                assertThat(seen.add(record.getLong("i"))).as("record %d seen twice", record.getLong("i")).isTrue();
            });
            assertThat(count[0]).isLessThanOrEqualTo(120);
            pages++;
        }

        assertThat(seen).hasSize(RECORDS);
        assertThat(pages).isGreaterThanOrEqualTo(5);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void partitionRangeScanReturnsOnlyThosePartitionsAndNamedBins(Commands commands, TestInfo info) {
        String set = load(commands, info);
        Set<Integer> partitions = ConcurrentHashMap.newKeySet();
        Set<String> bins = ConcurrentHashMap.newKeySet();

        commands.scan(ScanPolicy.DEFAULT, PartitionFilter.range(100, 1000), "test", set, (key, record) -> {
            partitions.add(key.partitionId());
            bins.addAll(record.bins().keySet());
        }, "s");

        assertThat(partitions).isNotEmpty().allSatisfy(id -> assertThat(id).isBetween(100, 1099));
        assertThat(bins).containsExactly("s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void scanWithoutBinDataReturnsKeysOnly(Commands commands, TestInfo info) {
        String set = load(commands, info);
        Set<String> bins = ConcurrentHashMap.newKeySet();
        int[] count = new int[1];

        commands.scan(ScanPolicy.builder().includeBinData(false).build(), PartitionFilter.all(), "test", set,
                (key, record) -> {
                    synchronized (count) {
                        count[0]++;
                    }
                    bins.addAll(record.bins().keySet());
                });

        assertThat(count[0]).isEqualTo(RECORDS);
        assertThat(bins).isEmpty();
    }
}
