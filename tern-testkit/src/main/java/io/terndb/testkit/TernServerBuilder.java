package io.terndb.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Configures and starts a {@link TernServerProcess}. Ports default to fresh free loopback ports; the namespace
 * defaults to {@link ServerConfigText#DEFAULT_NAMESPACE}; the server build is found through system property
 * {@value #SERVER_HOME_PROPERTY}: a directory holding {@code tern-server.jar} and {@code lib/}.
 */
public final class TernServerBuilder {

    public static final String SERVER_HOME_PROPERTY = "tern.server.home";
    public static final String MAIN_CLASS = "io.terndb.server.Main";
    public static final String DEFAULT_CLUSTER_NAME = "tern-it";
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(30);

    private Path serverHome;
    private String clusterName = DEFAULT_CLUSTER_NAME;
    private int servicePort;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> extraStanzas = new ArrayList<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private int heartbeatPort;
    private int fabricPort;
    private ServerConfigText.Cluster cluster = ServerConfigText.Cluster.NONE;
    private String address = ServerConfigText.LOOPBACK;
    private String networkNamespace;

    TernServerBuilder() {
    }

    /** The directory with {@code tern-server.jar} and {@code lib/}; default: system property tern.server.home. */
    public TernServerBuilder serverHome(Path directory) {
        serverHome = directory;
        return this;
    }

    public TernServerBuilder clusterName(String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("clusterName=" + name);
        }
        clusterName = name;
        return this;
    }

    /** The client port; default: a free loopback port. */
    public TernServerBuilder servicePort(int port) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("servicePort=" + port);
        }
        servicePort = port;
        return this;
    }

    /** The heartbeat and fabric ports; default: free loopback ports. */
    public TernServerBuilder clusterPorts(int heartbeat, int fabric) {
        if (heartbeat <= 0 || heartbeat > 65535 || fabric <= 0 || fabric > 65535) {
            throw new IllegalArgumentException("heartbeat=" + heartbeat + " fabric=" + fabric);
        }
        heartbeatPort = heartbeat;
        fabricPort = fabric;
        return this;
    }

    /**
     * The address service, heartbeat and fabric bind to and clients are told to use; default 127.0.0.1. Anything
     * else must be an address of the server's own network namespace (see {@link #networkNamespace}).
     */
    public TernServerBuilder address(String host) {
        if (host == null || host.isBlank() || host.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("address=" + host);
        }
        address = host;
        return this;
    }

    /**
     * Runs the server inside network namespace {@code name} ({@code ip netns exec NAME java ...}, needs root);
     * default: the test JVM's namespace. Pair it with {@link #address} (see {@link NetworkNamespaces}).
     */
    public TernServerBuilder networkNamespace(String name) {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("networkNamespace=" + name);
        }
        networkNamespace = name;
        return this;
    }

    /** Node id, seeds and heartbeat timing (see {@link ServerConfigText.Cluster}). */
    public TernServerBuilder cluster(ServerConfigText.Cluster settings) {
        cluster = settings;
        return this;
    }

    /** Adds a whole {@code namespace NAME { ... }} stanza; the first call replaces the default namespace. */
    public TernServerBuilder namespace(String stanza) {
        namespaces.add(stanza);
        return this;
    }

    /** Appends a stanza (for example {@code logging { ... }}) to the configuration file as given. */
    public TernServerBuilder extraStanza(String stanza) {
        extraStanzas.add(stanza);
        return this;
    }

    /** Adds a JVM option for the server process, for example {@code -Xmx512m}. */
    public TernServerBuilder jvmOption(String option) {
        jvmOptions.add(option);
        return this;
    }

    /** How long to wait for the first {@code status} = {@code ok}; default 30 s. */
    public TernServerBuilder startTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("startTimeout=" + timeout);
        }
        startTimeout = timeout;
        return this;
    }

    /** The configuration the server would get, with ports chosen now. */
    public ServerConfigText config() {
        return new ServerConfigText(clusterName, servicePort > 0 ? servicePort : FreePorts.next(),
                heartbeatPort > 0 ? heartbeatPort : FreePorts.next(), fabricPort > 0 ? fabricPort : FreePorts.next(),
                namespaces.isEmpty() ? List.of(ServerConfigText.DEFAULT_NAMESPACE) : namespaces, extraStanzas,
                cluster, address);
    }

    /**
     * Writes the configuration into a new temporary directory, starts the server and waits until it answers.
     *
     * @throws IllegalStateException with the server's log tail if it exits or does not answer in time
     */
    public TernServerProcess start() {
        Path home = resolveServerHome();
        ServerConfigText config = config();
        Path directory = createDirectory();
        try {
            TernServerProcess server = launch(home, config, directory);
            try {
                server.awaitReady(startTimeout);
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            TernServerProcess.deleteRecursively(directory);
            throw new UncheckedIOException("cannot start the server in " + directory, e);
        }
    }

    private TernServerProcess launch(Path home, ServerConfigText config, Path directory) throws IOException {
        Path configFile = directory.resolve("tern.conf");
        Files.writeString(configFile, config.render());
        Path logFile = directory.resolve("server.log");
        List<String> command = command(home, configFile);
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        return new TernServerProcess(process, directory, logFile, config, command);
    }

    private List<String> command(Path home, Path configFile) {
        List<String> command = new ArrayList<>();
        if (networkNamespace != null) {
            command.addAll(List.of("ip", "netns", "exec", networkNamespace)); // execs java: the pid stays the same
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(home.resolve("tern-server.jar") + File.pathSeparator + home.resolve("lib") + "/*");
        command.add(MAIN_CLASS);
        command.add("--config");
        command.add(configFile.toString());
        return command;
    }

    private Path resolveServerHome() {
        Path home = serverHome;
        if (home == null) {
            String property = System.getProperty(SERVER_HOME_PROPERTY);
            if (property == null || property.isBlank()) {
                throw new IllegalStateException("system property " + SERVER_HOME_PROPERTY
                        + " is not set: point it at the directory holding tern-server.jar and lib/");
            }
            home = Path.of(property);
        }
        if (!Files.isRegularFile(home.resolve("tern-server.jar"))) {
            throw new IllegalStateException(SERVER_HOME_PROPERTY + "=" + home
                    + " holds no tern-server.jar: build the server first");
        }
        return home.toAbsolutePath();
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("tern-server-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }
}
