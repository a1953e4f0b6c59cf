package io.terndb.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One TernDB server running as a separate JVM process, with its configuration file and log in a private temporary
 * directory. Closing it stops the process and deletes the directory.
 *
 * <pre>{@code
 * try (TernServerProcess server = TernServerProcess.builder().start()) {
 *     AerospikeClient client = new AerospikeClient("127.0.0.1", server.port());
 *     ...
 * }
 * }</pre>
 *
 * Processes still alive when the test JVM exits are killed by a shutdown hook, so an aborted run leaves none.
 */
public final class TernServerProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INFO_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final int LOG_TAIL_LINES = 80;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "tern-server-reaper"));
    }

    private final Process process;
    private final Path directory;
    private final Path logFile;
    private final ServerConfigText config;
    private final List<String> command;
    private volatile boolean stopRequested;

    TernServerProcess(Process process, Path directory, Path logFile, ServerConfigText config, List<String> command) {
        this.process = process;
        this.directory = directory;
        this.logFile = logFile;
        this.config = config;
        this.command = List.copyOf(command);
        LIVE.add(process);
    }

    public static TernServerBuilder builder() {
        return new TernServerBuilder();
    }

    /** The client (service) port on {@link #host()}. */
    public int port() {
        return config.servicePort();
    }

    /** The address the server listens on: 127.0.0.1 unless it runs in a network namespace of its own. */
    public String host() {
        return config.address();
    }

    public long pid() {
        return process.pid();
    }

    public ServerConfigText config() {
        return config;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code, or empty while the process runs. */
    public OptionalInt exitCode() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * How the process ended, for failure messages: {@code running}, or the exit code, naming the signal (128 + n)
     * and whether this test kit sent it.
     */
    public String describeState() {
        if (process.isAlive()) {
            return "running";
        }
        int code = process.exitValue();
        String signal = switch (code) {
            case 137 -> " (SIGKILL)";
            case 143 -> " (SIGTERM)";
            case 134 -> " (SIGABRT)";
            default -> "";
        };
        return "exited with code " + code + signal
                + (stopRequested ? " after the test kit stopped it" : " without the test kit stopping it");
    }

    /** Sends one info request with {@code commands} and returns command → value from the reply. */
    public Map<String, String> info(String... commands) {
        try (RawConnection connection = RawConnection.open(host(), port(), CONNECT_TIMEOUT)) {
            return connection.info(INFO_TIMEOUT, commands);
        } catch (IOException e) {
            throw new UncheckedIOException("info " + List.of(commands) + " on " + host() + ":" + port() + " failed",
                    e);
        }
    }

    /** SIGKILL: the process gets no chance to clean up. Waits until it is gone. */
    public void kill() {
        stopRequested = true;
        process.destroyForcibly();
        awaitExit(STOP_TIMEOUT);
        LIVE.remove(process);
    }

    /** SIGTERM, then SIGKILL if the process has not exited within ten seconds. */
    public void stop() {
        if (process.isAlive()) {
            stopRequested = true;
            process.destroy();
            if (!awaitExit(STOP_TIMEOUT)) {
                process.destroyForcibly();
                awaitExit(STOP_TIMEOUT);
            }
        }
        LIVE.remove(process);
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String logText() {
        try {
            return Files.exists(logFile) ? new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** The last lines of {@link #logText()}. */
    public String logTail() {
        List<String> lines = logText().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    /** The command line the process was started with, for error messages. */
    public String commandLine() {
        return String.join(" ", command);
    }

    /** Stops the process and deletes its directory (configuration and log). */
    @Override
    public void close() {
        stop();
        deleteRecursively(directory);
    }

    /**
     * Polls an info {@code status} request until it answers {@code ok}.
     *
     * @throws IllegalStateException with the log tail if the process exits or {@code timeout} passes first
     */
    void awaitReady(Duration timeout) {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server " + describeState()
                        + " before it answered status=ok\ncommand: " + commandLine() + "\nlog tail:\n" + logTail());
            }
            if (answersStatusOk()) {
                return;
            }
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IllegalStateException("server did not answer status=ok on " + host() + ":" + port()
                        + " within " + timeout + "\ncommand: " + commandLine() + "\nlog tail:\n" + logTail());
            }
            awaitExit(Duration.ofMillis(50));
        }
    }

    private boolean answersStatusOk() {
        try (RawConnection connection = RawConnection.open(host(), port(), Duration.ofMillis(500))) {
            return "ok".equals(connection.info(Duration.ofSeconds(1), "status").get("status"));
        } catch (IOException e) {
            return false;
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }
}
