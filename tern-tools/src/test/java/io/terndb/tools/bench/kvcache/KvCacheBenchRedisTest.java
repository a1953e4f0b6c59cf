package io.terndb.tools.bench.kvcache;

import static org.assertj.core.api.Assumptions.assumeThat;

import io.terndb.testkit.FreePorts;
import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tern bench kvcache --target redis} against a real redis-server; skipped where none is installed. */
class KvCacheBenchRedisTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private static Process redis;
    private static Path directory;
    private static int port;

    @BeforeAll
    static void startRedis() throws Exception {
        assumeThat(redisServerOnPath()).as("redis-server on PATH").isTrue();
        directory = Files.createTempDirectory("tern-kvbench-redis-");
        port = FreePorts.next();
        redis = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", directory.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("redis.log").toFile()).start();
        awaitListening();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.destroy();
            if (!redis.waitFor(10, TimeUnit.SECONDS)) {
                redis.destroyForcibly().waitFor();
            }
        }
        if (directory != null) {
            try (var files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(directory);
        }
    }

    @Test
    void redisLoadsBackEveryStoredObjectIntact() {
        BenchOutput output = KvCacheBenchCommandTest.execute(List.of("bench", "kvcache", "--target", "redis",
                "--port", String.valueOf(port), "--object-bytes", String.valueOf(KvCacheBenchCommandTest.OBJECT_BYTES),
                "--in-flight", "2", "--objects", String.valueOf(KvCacheBenchCommandTest.OBJECTS), "--rounds",
                String.valueOf(KvCacheBenchCommandTest.ROUNDS), "--timeout-ms", "10000"));

        KvCacheBenchCommandTest.assertCompleteRun(output);
    }

    private static boolean redisServerOnPath() {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "redis-server")));
    }

    private static void awaitListening() throws IOException, InterruptedException {
        long deadlineNs = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                if (!redis.isAlive() || System.nanoTime() > deadlineNs) {
                    throw new IOException("redis-server did not listen on port " + port + "; log:\n"
                            + Files.readString(directory.resolve("redis.log")), e);
                }
                Thread.sleep(100);
            }
        }
    }
}
