package io.terndb.jmh;

import io.terndb.storage.RecordAccess;
import io.terndb.storage.device.DeviceNamespaceStore;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Random reads of 1 KiB records from a data set 30 times the post-write cache (64 MiB): nearly every read is one
 * positional read of the file (served by the OS page cache when the machine has the memory for it).
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Threads(2)
@State(Scope.Benchmark)
public class DeviceReadBenchmark {

    @Param("2000000")
    public int records;

    /** {@code direct-files}: reads that miss the post-write cache bypass the page cache. */
    @Param({"false", "true"})
    public boolean directReads;

    private Path directory;
    private DeviceNamespaceStore store;

    @State(Scope.Thread)
    public static class Reader {
        RecordAccess access;

        @Setup(Level.Trial)
        public void open(DeviceReadBenchmark benchmark) {
            access = new RecordAccess(benchmark.store);
        }

        @TearDown(Level.Trial)
        public void close() {
            access.close();
        }
    }

    @Setup(Level.Trial)
    public void load() throws Exception {
        directory = DeviceStores.newDirectory();
        store = DeviceStores.open(DeviceStores.settings(directory, 8L << 30, false, directReads, null));
        byte[] value = new byte[1024];
        try (RecordAccess access = new RecordAccess(store)) {
            long now = System.currentTimeMillis();
            for (int key = 0; key < records; key++) {
                access.put(Digests.of(key), value, 0, now, false);
            }
            access.awaitDurable();
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        DeviceStores.delete(directory);
    }

    @Benchmark
    public byte[] read(Reader reader) {
        byte[] value = reader.access.get(Digests.of(ThreadLocalRandom.current().nextInt(records)));
        if (value == null) {
            throw new IllegalStateException("a loaded record is missing");
        }
        return value;
    }
}
