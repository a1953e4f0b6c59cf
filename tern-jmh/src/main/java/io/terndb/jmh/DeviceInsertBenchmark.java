package io.terndb.jmh;

import io.terndb.protocol.ResultCode;
import io.terndb.storage.RecordAccess;
import io.terndb.storage.device.DeviceNamespaceStore;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Inserts of 1 KiB records into a device namespace, each acknowledged only when durable (the server's rule), from
 * 64 threads, as many as the server's transaction workers, so that group commit has company. Throughput times the
 * record's device size gives the write bandwidth to compare with the raw sequential bandwidth of the same disk.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Threads(64)
@State(Scope.Benchmark)
public class DeviceInsertBenchmark {

    /** Device bytes of one record: 56-byte device header + image (8 + bin 6 + name 1 + 1024), padded to 16. */
    public static final int RECORD_DEVICE_BYTES = 1104;

    @Param({"false", "true"})
    public boolean commitToDevice;

    private Path directory;
    private DeviceNamespaceStore store;
    private final AtomicLong keys = new AtomicLong();
    private final byte[] value = new byte[1024];

    @State(Scope.Thread)
    public static class Writer {
        RecordAccess access;

        @Setup(Level.Trial)
        public void open(DeviceInsertBenchmark benchmark) {
            access = new RecordAccess(benchmark.store);
        }

        @TearDown(Level.Trial)
        public void close() {
            access.close();
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        directory = DeviceStores.newDirectory();
        store = DeviceStores.open(DeviceStores.settings(directory, 48L << 30, commitToDevice, null));
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        DeviceStores.delete(directory);
    }

    @Benchmark
    public int insert(Writer writer) {
        int result = writer.access.put(Digests.of(keys.incrementAndGet()), value, 0, System.currentTimeMillis(), true);
        if (result != ResultCode.OK) {
            throw new IllegalStateException("insert failed with result code " + result);
        }
        return result;
    }
}
