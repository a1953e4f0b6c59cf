package io.terndb.server.info;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The text info protocol: each {@code \n}-terminated command is answered by {@code command\tvalue\n}, in order.
 * A command is {@code name[/arg...][:key=value;...]}; the name ends at the first {@code /}, {@code :} or
 * {@code ;}. Unknown names get {@code ERROR:4:unrecognized command}, as the original answers. A few commands are
 * about the connection they arrive on ({@code user-agent-set}): each connection opens its part with
 * {@link #openConnection} and passes it with every request.
 */
public final class InfoService {

    static final String UNRECOGNIZED = "ERROR:4:unrecognized command";

    private final Map<String, Function<InfoCommand, String>> handlers = new HashMap<>();
    /** Commands answered later (a truncate waits for every node): their answers complete a stage. */
    private final Map<String, Function<InfoCommand, CompletionStage<String>>> waiting = new HashMap<>();
    /** Commands answered at once that read or change the state of the connection they arrive on. */
    private final Map<String, BiFunction<InfoCommand, UserAgents.Connection, String>> ofConnection = new HashMap<>();
    private final Function<InfoCommand, String> summary;
    private final UserAgents userAgents;

    public InfoService(InfoCommands commands) {
        commands.register(handlers, waiting, ofConnection);
        this.summary = command -> commands.summary();
        this.userAgents = commands.userAgents();
    }

    /** A new client connection's part of the info state; the connection closes it when it closes. */
    public UserAgents.Connection openConnection() {
        return userAgents.open();
    }

    /**
     * Answers a whole request body: at once (the stage is complete on return) unless a command waits for other
     * nodes; the lines keep their order either way.
     */
    public CompletionStage<String> handle(String request, UserAgents.Connection connection) {
        if (request.isEmpty()) {
            return CompletableFuture.completedFuture(summary.apply(InfoCommand.parse("")));
        }
        List<String> lines = new ArrayList<>();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        int lineStart = 0;
        for (int newline = request.indexOf('\n'); newline >= 0; newline = request.indexOf('\n', lineStart)) {
            String line = request.substring(lineStart, newline);
            lineStart = newline + 1;
            if (!line.isEmpty()) {
                lines.add(line);
                answers.add(answer(line, connection).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0])).thenApply(done -> {
            StringBuilder reply = new StringBuilder(64);
            for (int i = 0; i < lines.size(); i++) {
                reply.append(lines.get(i)).append('\t').append(answers.get(i).join()).append('\n');
            }
            return reply.toString();
        });
    }

    CompletionStage<String> answer(String line, UserAgents.Connection connection) {
        InfoCommand command = InfoCommand.parse(line);
        try {
            Function<InfoCommand, CompletionStage<String>> later = waiting.get(command.name());
            if (later != null) {
                return later.apply(command);
            }
            BiFunction<InfoCommand, UserAgents.Connection, String> own = ofConnection.get(command.name());
            if (own != null) {
                return CompletableFuture.completedFuture(own.apply(command, connection));
            }
            Function<InfoCommand, String> handler = handlers.get(command.name());
            return CompletableFuture.completedFuture(handler == null ? UNRECOGNIZED : handler.apply(command));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture("ERROR:4:" + e.getMessage());
        }
    }
}
