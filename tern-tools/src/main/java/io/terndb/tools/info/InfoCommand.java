package io.terndb.tools.info;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tern info}: sends info commands to one node and prints the answers, like {@code asinfo}. */
@Command(
        name = "info",
        description = "Send info commands to a node and print the answers (default command: status).",
        sortOptions = false)
public final class InfoCommand implements Callable<Integer> {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final String DEFAULT_COMMAND = "status";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--host"}, paramLabel = "HOST",
            defaultValue = "127.0.0.1", description = "Node address (default: ${DEFAULT-VALUE}).")
    private String host;

    @Option(names = {"-p", "--port"}, paramLabel = "PORT",
            defaultValue = "3000", description = "Service port (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "1000",
            description = "Connect and read timeout in milliseconds (default: ${DEFAULT-VALUE}).")
    private int timeoutMs;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    private boolean helpRequested;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "Info commands, e.g. status build namespaces.")
    private List<String> commands = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> requested = commands.isEmpty() ? List.of(DEFAULT_COMMAND) : List.copyOf(commands);
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> answers;
        try {
            answers = new InfoClient(host, port, timeoutMs).request(requested);
        } catch (IllegalArgumentException e) {
            err.println("tern info: " + e.getMessage());
            return EXIT_FAILED;
        } catch (IOException e) {
            err.println("tern info: " + describe(e));
            return EXIT_FAILED;
        }
        return print(requested, answers);
    }

    private int print(List<String> requested, Map<String, String> answers) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exitCode = EXIT_OK;
        for (String command : requested) {
            String value = answers.get(command);
            if (value == null) {
                err.println("tern info: " + where() + " gave no answer for '" + command + "'");
                exitCode = EXIT_FAILED;
            } else if (value.startsWith("ERROR") || value.startsWith("FAIL")) {
                err.println(requested.size() == 1 ? value : command + ": " + value);
                exitCode = EXIT_FAILED;
            } else {
                out.println(requested.size() == 1 ? value : command + ": " + value);
            }
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private String describe(IOException failure) {
        return switch (failure) {
            case ConnectException e -> "cannot connect to " + where() + ": " + e.getMessage();
            case SocketTimeoutException e -> "no answer from " + where() + " within " + timeoutMs + " ms";
            case UnknownHostException e -> "unknown host '" + host + "'";
            case InfoProtocolException e -> "bad answer from " + where() + ": " + e.getMessage();
            default -> "failed talking to " + where() + ": " + failure;
        };
    }

    private String where() {
        return host + ":" + port;
    }
}
