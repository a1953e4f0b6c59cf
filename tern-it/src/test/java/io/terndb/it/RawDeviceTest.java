package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.terndb.testkit.FreePorts;
import io.terndb.testkit.TernServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A namespace on a raw block device ({@code device /dev/...}, no file size: the device's own size), here a loop
 * device over a file. Needs root and {@code losetup}; skipped elsewhere.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RawDeviceTest {

    private static final long DEVICE_BYTES = 64L << 20;

    @TempDir
    Path data;

    private String loopDevice;

    @BeforeEach
    void attachLoopDevice() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "raw devices need root");
        Path image = data.resolve("device.img");
        try (var file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(DEVICE_BYTES);
        }
        String attached = run("losetup", "--find", "--show", image.toString());
        assumeTrue(attached != null && attached.startsWith("/dev/loop"), "no loop device available");
        loopDevice = attached;
    }

    @AfterEach
    void detachLoopDevice() throws Exception {
        if (loopDevice != null) {
            run("losetup", "--detach", loopDevice);
        }
    }

    /** The command's trimmed output, or null when it cannot run or fails. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        }
    }

    private TernServerProcess start(int port) {
        return TernServerProcess.builder().servicePort(port).namespace("""
                namespace test {
                    replication-factor 1
                    index-type pmem {
                        mount %s
                    }
                    storage-engine device {
                        device %s
                        write-block-size 1M
                    }
                }
                """.formatted(data.resolve("index"), loopDevice)).start();
    }

    @Test
    void storesOnTheDeviceAtItsOwnSizeAndKeepsDataAcrossColdAndWarmStarts() throws IOException {
        int port = FreePorts.next();
        try (TernServerProcess server = start(port);
                AerospikeClient client = new AerospikeClient(TernServerExtension.patientClientPolicy(),
                        "127.0.0.1", port)) {
            for (int i = 0; i < 2000; i++) {
                client.put(null, new Key("test", "raw", i), new Bin("i", i), new Bin("pad", new byte[500]));
            }
            Map<String, String> stats = InfoValues.keyValues(
                    server.info("namespace/test").get("namespace/test"), ';');
            assertThat(Long.parseLong(stats.get("device_total_bytes"))).isBetween(DEVICE_BYTES - (2L << 20),
                    DEVICE_BYTES);
        }
        deleteTree(data.resolve("index")); // no warm index: the next start must read the device
        try (TernServerProcess server = start(port);
                AerospikeClient client = new AerospikeClient(TernServerExtension.patientClientPolicy(),
                        "127.0.0.1", port)) {
            assertThat(server.logText()).doesNotContain("warm restart");
            for (int i = 0; i < 2000; i++) {
                Record record = client.get(null, new Key("test", "raw", i));
                assertThat(record.getInt("i")).as("record %d", i).isEqualTo(i);
            }
        }
        try (TernServerProcess server = start(port)) {
            assertThat(server.logText()).contains("warm restart");
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root)) {
            try (var paths = Files.walk(root)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
