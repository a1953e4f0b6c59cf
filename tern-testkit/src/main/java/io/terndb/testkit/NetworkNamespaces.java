package io.terndb.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Linux network namespaces for tests that need nodes on separate hosts: {@code N} namespaces
 * {@code tern-<random>-<i>}, each with one veth pair ({@code eth0} inside, its peer attached to one bridge in the
 * root namespace) and an address in a private /24 that no route of this machine covers. The bridge holds
 * {@code .1} (see {@link #hostAddress()}), so the test JVM reaches every namespace; namespace {@code i} holds
 * {@code .(i+2)}.
 *
 * <p>{@link #isolate(int)} cuts namespace {@code i} off from the other namespaces only: each side gets a permanent
 * neighbour entry mapping the other side's address to a MAC address nobody has, so their packets to each other go
 * nowhere (silently, like a broken link: no refusal, no error), while traffic between each namespace and the root
 * namespace (the test's clients) still flows. {@link #unplug(int)} takes the namespace's link down instead, so
 * nothing reaches it at all. Both are undone by {@link #heal()}.
 *
 * <p>Needs root and {@code ip} (iproute2): check {@link #unavailableReason()} first. {@link #close()} removes every
 * link and namespace this instance created, also after a failed {@link #create}; a shutdown hook does the same for
 * instances still open when the JVM exits. Processes started in a namespace must be stopped by their owner first
 * (a namespace with processes in it outlives its name).
 *
 * <pre>{@code
 * try (NetworkNamespaces hosts = NetworkNamespaces.create(3)) {
 *     TernCluster cluster = TernCluster.builder().nodes(3).networkNamespaces(hosts).start();
 *     hosts.isolate(0);
 *     hosts.heal();
 * }
 * }</pre>
 */
public final class NetworkNamespaces implements AutoCloseable {

    /** The /16 the test subnets are taken from: private, and not used by anything on the machines tests run on. */
    private static final int SUBNET_PREFIX = (10 << 24) | (251 << 16);
    /** A unicast, locally administered MAC that no interface has: frames to it are dropped by every receiver. */
    private static final String NOWHERE_MAC = "02:00:00:00:00:00";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern IPV4 = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)(?:/(\\d+))?");
    private static final Set<NetworkNamespaces> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(NetworkNamespaces::close),
                "tern-netns-reaper"));
    }

    private final String tag;
    private final int subnet;
    private final String bridge;
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> hostLinks = new ArrayList<>();
    /** Pairs (a, b), a < b, currently cut by neighbour entries. */
    private final Set<List<Integer>> cuts = new LinkedHashSet<>();
    private final Set<Integer> unplugged = new LinkedHashSet<>();
    private boolean bridgeCreated;
    private boolean closed;

    private NetworkNamespaces(String tag, int subnet) {
        this.tag = tag;
        this.subnet = subnet;
        this.bridge = "tnb" + tag;
    }

    /**
     * Why namespaces cannot be made here ({@code not root}, {@code no ip command}), or empty when they can. Tests
     * skip on a reason: {@code assumeTrue(NetworkNamespaces.unavailableReason().isEmpty(), ...)}.
     */
    public static Optional<String> unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("network namespaces need Linux");
        }
        try {
            String status = Files.readString(Path.of("/proc/self/status"), StandardCharsets.US_ASCII);
            Matcher uid = Pattern.compile("(?m)^Uid:\\s+(\\d+)\\s+(\\d+)").matcher(status);
            if (!uid.find() || !uid.group(2).equals("0")) {
                return Optional.of("network namespaces need root");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        try {
            Result version = run(List.of("ip", "-V"));
            if (version.code != 0) {
                return Optional.of("ip -V failed: " + version.output);
            }
        } catch (IOException e) {
            return Optional.of("no ip command (iproute2): " + e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Creates {@code count} namespaces on one new bridge, in a /24 of 10.251.0.0/16 that no existing route or
     * address overlaps.
     *
     * @throws IllegalStateException when a command fails (everything created so far is removed again)
     */
    public static NetworkNamespaces create(int count) {
        if (count < 1 || count > 200) {
            throw new IllegalArgumentException("count=" + count);
        }
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[3];
        random.nextBytes(bytes);
        NetworkNamespaces hosts = new NetworkNamespaces(HexFormat.of().formatHex(bytes), freeSubnet(random));
        OPEN.add(hosts);
        try {
            hosts.build(count);
            return hosts;
        } catch (RuntimeException e) {
            hosts.close();
            throw e;
        }
    }

    private void build(int count) {
        ip("link", "add", bridge, "type", "bridge");
        bridgeCreated = true;
        ip("addr", "add", hostAddress() + "/24", "dev", bridge);
        ip("link", "set", bridge, "up");
        for (int i = 0; i < count; i++) {
            String namespace = "tern-" + tag + "-" + i;
            ip("netns", "add", namespace);
            namespaces.add(namespace);
            String hostLink = "tnv" + tag + i;
            ip("link", "add", hostLink, "type", "veth", "peer", "name", "eth0", "netns", namespace);
            hostLinks.add(hostLink);
            ip("link", "set", hostLink, "master", bridge, "up");
            ip("-n", namespace, "addr", "add", address(i) + "/24", "dev", "eth0");
            ip("-n", namespace, "link", "set", "lo", "up");
            ip("-n", namespace, "link", "set", "eth0", "up");
        }
    }

    public int size() {
        return namespaces.size();
    }

    /** The name of namespace {@code index}, for {@code ip netns exec}. */
    public String name(int index) {
        return namespaces.get(index);
    }

    /** The address of namespace {@code index} ({@code eth0} inside it). */
    public String address(int index) {
        return dotted(subnet + 2 + index);
    }

    /** The bridge's address in the root namespace: where the test JVM's connections come from. */
    public String hostAddress() {
        return dotted(subnet + 1);
    }

    /** The command that runs {@code command} inside namespace {@code index}. */
    public List<String> exec(int index, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name(index)));
        full.addAll(command);
        return full;
    }

    /**
     * Cuts the traffic between namespace {@code index} and every other namespace, both ways; traffic with the root
     * namespace goes on. Connections between them stall (nothing is refused or reset).
     */
    public synchronized void isolate(int index) {
        for (int other = 0; other < size(); other++) {
            if (other != index) {
                cut(index, other);
            }
        }
    }

    /** Cuts the traffic between namespaces {@code a} and {@code b}, both ways. */
    public synchronized void cut(int a, int b) {
        List<Integer> pair = List.of(Math.min(a, b), Math.max(a, b));
        if (a == b || !cuts.add(pair)) {
            return;
        }
        ip("-n", name(a), "neigh", "replace", address(b), "lladdr", NOWHERE_MAC, "dev", "eth0", "nud", "permanent");
        ip("-n", name(b), "neigh", "replace", address(a), "lladdr", NOWHERE_MAC, "dev", "eth0", "nud", "permanent");
    }

    /** Takes namespace {@code index}'s link to the bridge down: nothing reaches it, not even the test JVM. */
    public synchronized void unplug(int index) {
        if (unplugged.add(index)) {
            ip("link", "set", hostLinks.get(index), "down");
        }
    }

    /** Undoes every {@link #cut}, {@link #isolate} and {@link #unplug}. */
    public synchronized void heal() {
        for (List<Integer> pair : List.copyOf(cuts)) {
            int a = pair.get(0);
            int b = pair.get(1);
            ip("-n", name(a), "neigh", "del", address(b), "dev", "eth0");
            ip("-n", name(b), "neigh", "del", address(a), "dev", "eth0");
            cuts.remove(pair);
        }
        for (int index : List.copyOf(unplugged)) {
            ip("link", "set", hostLinks.get(index), "up");
            unplugged.remove(index);
        }
    }

    /** Removes the veth pairs, the namespaces and the bridge; goes on past failures and reports the first. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        OPEN.remove(this);
        List<String> failures = new ArrayList<>();
        // Deleting the root side removes the pair even if a process still holds the namespace.
        for (String link : hostLinks) {
            quietly(failures, "link", "del", link);
        }
        for (String namespace : namespaces) {
            quietly(failures, "netns", "del", namespace);
        }
        if (bridgeCreated) {
            quietly(failures, "link", "del", bridge);
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("cleanup of network namespaces " + tag + " failed: " + failures);
        }
    }

    @Override
    public String toString() {
        return "NetworkNamespaces[" + namespaces + " on " + bridge + " " + dotted(subnet) + "/24]";
    }

    private static void quietly(List<String> failures, String... arguments) {
        try {
            Result result = run(ipCommand(arguments));
            if (result.code != 0) {
                failures.add(String.join(" ", arguments) + ": " + result.output.strip());
            }
        } catch (IOException e) {
            failures.add(String.join(" ", arguments) + ": " + e.getMessage());
        }
    }

    private static void ip(String... arguments) {
        List<String> command = ipCommand(arguments);
        Result result;
        try {
            result = run(command);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed", e);
        }
        if (result.code != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + result.code + ": "
                    + result.output.strip());
        }
    }

    private static List<String> ipCommand(String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(arguments));
        return command;
    }

    private record Result(int code, String output) {
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + COMMAND_TIMEOUT);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }

    /** A /24 of 10.251.0.0/16, picked at random among those no route and no address of the root namespace touch. */
    private static int freeSubnet(SecureRandom random) {
        List<int[]> taken = new ArrayList<>(); // {network, prefix length}
        for (List<String> command : List.of(List.of("ip", "-4", "route", "show", "table", "all"),
                List.of("ip", "-4", "-o", "addr", "show"))) {
            Result result;
            try {
                result = run(command);
            } catch (IOException e) {
                throw new IllegalStateException(String.join(" ", command) + " failed", e);
            }
            Matcher matcher = IPV4.matcher(result.output);
            while (matcher.find()) {
                int address = 0;
                for (int group = 1; group <= 4; group++) {
                    address = (address << 8) | (Integer.parseInt(matcher.group(group)) & 0xFF);
                }
                int length = matcher.group(5) == null ? 32 : Integer.parseInt(matcher.group(5));
                taken.add(new int[] {address, length});
            }
        }
        int start = random.nextInt(256);
        for (int step = 0; step < 256; step++) {
            int candidate = SUBNET_PREFIX | (((start + step) & 0xFF) << 8);
            if (taken.stream().noneMatch(range -> overlaps(candidate, 24, range[0], range[1]))) {
                return candidate;
            }
        }
        throw new IllegalStateException("every /24 of 10.251.0.0/16 overlaps a route or address here");
    }

    private static boolean overlaps(int a, int aLength, int b, int bLength) {
        int length = Math.min(aLength, bLength);
        if (length == 0) {
            return true;
        }
        int mask = -1 << (32 - length);
        return (a & mask) == (b & mask);
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "."
                + (address & 0xFF);
    }
}
