package io.terndb.jmh;

import io.terndb.protocol.ResultCode;
import io.terndb.storage.DurableCallback;
import io.terndb.storage.RecordAccess;
import io.terndb.storage.device.DeviceNamespaceStore;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;
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
 * Inserts of 1 KiB records into a device namespace the way the server takes them: a few threads (as many as the
 * server's event loops) append, and the device's flusher acknowledges each insert once durable by a callback, with
 * at most {@link #inFlight} unacknowledged inserts (like that many client connections). Because the window is
 * bounded, the insert rate is the acknowledged rate. Compare with {@link DeviceInsertBenchmark}, where every
 * thread waits for its own insert.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
@Threads(2)
@State(Scope.Benchmark)
public class DevicePipelinedInsertBenchmark {

    /** Unacknowledged inserts allowed at once, over all threads (like that many client connections). */
    @Param("4096")
    public int inFlight;

    @Param({"false", "true"})
    public boolean commitToDevice;

    private Path directory;
    private DeviceNamespaceStore store;
    private final AtomicLong keys = new AtomicLong();
    private final byte[] value = new byte[1024];
    private Semaphore window;
    private final AtomicLong failures = new AtomicLong();
    private final DurableCallback acknowledge = durable -> {
        if (!durable) {
            failures.incrementAndGet();
        }
        window.release();
    };

    @State(Scope.Thread)
    public static class Writer {
        RecordAccess access;

        @Setup(Level.Trial)
        public void open(DevicePipelinedInsertBenchmark benchmark) {
            access = new RecordAccess(benchmark.store);
        }

        @TearDown(Level.Trial)
        public void close() {
            access.close();
        }
    }

    @Setup(Level.Trial)
    public void open() throws Exception {
        window = new Semaphore(inFlight);
        directory = DeviceStores.newDirectory();
        store = DeviceStores.open(DeviceStores.settings(directory, 48L << 30, commitToDevice, null));
    }

    @TearDown(Level.Trial)
    public void close() throws InterruptedException {
        window.acquire(inFlight); // every insert acknowledged
        store.close();
        DeviceStores.delete(directory);
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " inserts were not durable");
        }
    }

    @Benchmark
    public int insert(Writer writer) {
        window.acquireUninterruptibly();
        int result = writer.access.put(Digests.of(keys.incrementAndGet()), value, 0, System.currentTimeMillis(),
                acknowledge);
        if (result != ResultCode.OK) {
            throw new IllegalStateException("insert failed with result code " + result);
        }
        return result;
    }
}
