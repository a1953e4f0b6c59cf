package io.terndb.tools;

import io.terndb.tools.bench.BenchPeersCommand;
import io.terndb.tools.bench.client.BenchCommand;
import io.terndb.tools.info.InfoCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the command-line tools; the {@code ./tern} launcher calls it with a subcommand. */
@Command(
        name = "tern",
        mixinStandardHelpOptions = true,
        description = "TernDB command-line tools.",
        subcommands = {InfoCommand.class, BenchPeersCommand.class, BenchCommand.class,
            io.terndb.tools.cluster.ClusterCommand.class})
public final class Tern implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] arguments) {
        System.exit(commandLine().execute(arguments));
    }

    /**
     * Later occurrences of an option win, so wrapper scripts can pass defaults that users override; enum values
     * are matched ignoring case ({@code --only redis}).
     */
    public static CommandLine commandLine() {
        return new CommandLine(new Tern()).setOverwrittenOptionsAllowed(true).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }
}
