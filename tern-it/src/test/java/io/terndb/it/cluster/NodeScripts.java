package io.terndb.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The npm project of {@code src/test/node}: scripts that drive the official Aerospike Node.js client, with its
 * version pinned by the lock file. {@link #install} copies it into a directory of the build and installs it there
 * with {@code npm ci} (again only when the lock file changed); {@link #start} runs one of its scripts with
 * {@code node}. A script prints what it saw as JSON lines on stdout; the client's own log goes to stderr.
 *
 * <pre>{@code
 * NodeScripts scripts = NodeScripts.install(projectDirectory, buildDirectory);
 * NodeScripts.Result result = scripts.run(Duration.ofSeconds(30), "checks.js", "discovery", "127.0.0.1", "3000");
 * JsonNode discovery = result.line("check", "discovery");
 * }</pre>
 */
final class NodeScripts {

    static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    /** The copy of the lock file an install succeeded with; the next install is skipped while they are equal. */
    private static final String INSTALLED_LOCK = "installed-package-lock.json";
    private static final int OUTPUT_SHOWN_CHARS_MAX = 8_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;

    private NodeScripts(Path home) {
        this.home = home;
    }

    /** Whether {@code node} and {@code npm} are programs on the PATH. */
    static boolean available() {
        String path = System.getenv("PATH");
        return path != null && onPath(path, "node") && onPath(path, "npm");
    }

    private static boolean onPath(String path, String program) {
        return Arrays.stream(path.split(java.io.File.pathSeparator)).filter(directory -> !directory.isEmpty())
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, program)));
    }

    /**
     * Copies the project's files ({@code package.json}, {@code package-lock.json}, scripts) from {@code project}
     * into {@code home} and installs its dependencies there, exactly as locked. Install scripts are not run: the
     * {@code aerospike} package ships its native binding prebuilt (its install script would fetch or compile one),
     * and loading it is checked right after.
     *
     * @throws AssertionError with npm's output when the install or loading the client fails
     */
    static NodeScripts install(Path project, Path home) {
        try {
            Files.createDirectories(home);
            try (Stream<Path> files = Files.list(project)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, home.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            NodeScripts scripts = new NodeScripts(home);
            Path lock = home.resolve("package-lock.json");
            Path installed = home.resolve(INSTALLED_LOCK);
            boolean current = Files.exists(installed) && Files.isDirectory(home.resolve("node_modules"))
                    && Files.mismatch(lock, installed) == -1;
            if (!current) {
                Files.deleteIfExists(installed);
                scripts.expectSuccess(scripts.runCommand(INSTALL_TIMEOUT, List.of("npm", "ci", "--ignore-scripts",
                        "--no-audit", "--no-fund", "--loglevel=warn")), "npm ci");
                Files.copy(lock, installed, StandardCopyOption.REPLACE_EXISTING);
            }
            scripts.expectSuccess(scripts.runCommand(LOAD_TIMEOUT, List.of("node", "-e",
                    "require('aerospike'); console.log('loaded')")), "loading the aerospike package");
            return scripts;
        } catch (IOException e) {
            throw new UncheckedIOException("installing the npm project of " + project + " into " + home, e);
        }
    }

    /** Runs {@code node SCRIPT ARGUMENTS...} with stdin closed and returns once it exited. */
    Result run(Duration timeout, String script, String... arguments) {
        try (Running running = start(script, arguments)) {
            return running.finish(timeout);
        }
    }

    /** Starts {@code node SCRIPT ARGUMENTS...}; the caller talks to it line by line and closes it. */
    Running start(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(arguments));
        return new Running(command);
    }

    private Result runCommand(Duration timeout, List<String> command) {
        try (Running running = new Running(command)) {
            return running.finish(timeout);
        }
    }

    private void expectSuccess(Result result, String what) {
        if (result.exitCode() != 0) {
            throw new AssertionError(what + " failed in " + home + ": " + result.describe());
        }
    }

    /**
     * What a finished process printed.
     *
     * @param lines the stdout lines that are JSON objects, in order
     */
    record Result(String command, int exitCode, List<JsonNode> lines, String stdout, String stderr) {

        /** The first JSON line whose {@code field} is {@code value}; fails with the whole output if there is none. */
        JsonNode line(String field, String value) {
            return lines.stream().filter(line -> value.equals(line.path(field).asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("no line with " + field + "=" + value + ": " + describe()));
        }

        /** The command, its exit code and both outputs (their ends, if long), for failure messages. */
        String describe() {
            return command + " exited " + exitCode + "\n--- stdout:\n" + tail(stdout) + "\n--- stderr:\n"
                    + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() <= OUTPUT_SHOWN_CHARS_MAX ? text
                    : "(" + (text.length() - OUTPUT_SHOWN_CHARS_MAX) + " chars left out)..."
                            + text.substring(text.length() - OUTPUT_SHOWN_CHARS_MAX);
        }
    }

    /** A running process of the project: stdin for the test's lines, stdout read line by line as it comes. */
    final class Running implements AutoCloseable {
        private final String command;
        private final Process process;
        private final Writer stdin;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        private final List<JsonNode> lines = new ArrayList<>();
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();
        private final Thread stdoutReader;
        private final Thread stderrReader;

        private Running(List<String> command) {
            this.command = String.join(" ", command);
            try {
                process = new ProcessBuilder(command).directory(home.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + this.command + " in " + home, e);
            }
            stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            stdoutReader = Thread.ofVirtual().start(() -> read(process.getInputStream(), stdout, true));
            stderrReader = Thread.ofVirtual().start(() -> read(process.getErrorStream(), stderr, false));
        }

        private void read(InputStream stream, StringBuilder text, boolean json) {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    synchronized (this) {
                        text.append(line).append('\n');
                    }
                    JsonNode parsed = json ? parse(line) : null;
                    if (parsed != null) {
                        synchronized (this) {
                            lines.add(parsed);
                        }
                        events.add(parsed);
                    }
                }
            } catch (IOException e) {
                synchronized (this) {
                    text.append("(reading failed: ").append(e).append(")\n");
                }
            }
        }

        /** The line as a JSON object, or null if it is not one (it is kept in the text either way). */
        private static JsonNode parse(String line) {
            try {
                JsonNode node = line.startsWith("{") ? JSON.readTree(line) : null;
                return node != null && node.isObject() ? node : null;
            } catch (IOException e) {
                return null;
            }
        }

        /** Waits for a JSON line {@code {"event": NAME}}; fails with the output so far if it does not come. */
        void awaitEvent(String name, Duration timeout) throws InterruptedException {
            long deadlineNs = System.nanoTime() + timeout.toNanos();
            for (long leftNs = timeout.toNanos(); leftNs > 0; leftNs = deadlineNs - System.nanoTime()) {
                JsonNode line = events.poll(leftNs, TimeUnit.NANOSECONDS);
                if (line != null && name.equals(line.path("event").asText())) {
                    return;
                }
                if (line == null && !process.isAlive()) {
                    break;
                }
            }
            throw new AssertionError("no event " + name + " within " + timeout + ": " + snapshot().describe());
        }

        /** Sends one line to the script's stdin. */
        void send(String line) {
            try {
                stdin.write(line + "\n");
                stdin.flush();
            } catch (IOException e) {
                throw new AssertionError("cannot send '" + line + "': " + snapshot().describe(), e);
            }
        }

        /** Closes stdin and waits for the exit; kills the process and fails with its output after {@code timeout}. */
        Result finish(Duration timeout) {
            try {
                stdin.close();
            } catch (IOException e) {
                // the process may be gone already: its exit code and output tell why
            }
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("still running after " + timeout + ", killed: "
                            + awaitOutput().describe());
                }
                return awaitOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + command, e);
            }
        }

        private Result awaitOutput() throws InterruptedException {
            stdoutReader.join();
            stderrReader.join();
            return snapshot();
        }

        private synchronized Result snapshot() {
            return new Result(command, process.isAlive() ? -1 : process.exitValue(), List.copyOf(lines),
                    stdout.toString(), stderr.toString());
        }

        /** Kills the process if it still runs. */
        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
