package io.terndb.server.info;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The text info protocol: each {@code \n}-terminated command is answered by {@code command\tvalue\n}, in order.
 * A command is {@code name[/arg...][:key=value;...]}; the name ends at the first {@code /}, {@code :} or
 * {@code ;}. Unknown names get {@code ERROR:4:unrecognized command}, as the original answers.
 */
public final class InfoService {

    static final String UNRECOGNIZED = "ERROR:4:unrecognized command";

    private final Map<String, Function<InfoCommand, String>> handlers = new HashMap<>();
    private final Function<InfoCommand, String> summary;

    public InfoService(InfoCommands commands) {
        commands.register(handlers);
        this.summary = command -> commands.summary();
    }

    /** Answers a whole request body. */
    public String handle(String request) {
        if (request.isEmpty()) {
            return summary.apply(InfoCommand.parse(""));
        }
        StringBuilder reply = new StringBuilder(64);
        int lineStart = 0;
        for (int newline = request.indexOf('\n'); newline >= 0; newline = request.indexOf('\n', lineStart)) {
            String line = request.substring(lineStart, newline);
            lineStart = newline + 1;
            if (line.isEmpty()) {
                continue;
            }
            reply.append(line).append('\t').append(answer(line)).append('\n');
        }
        return reply.toString();
    }

    String answer(String line) {
        InfoCommand command = InfoCommand.parse(line);
        Function<InfoCommand, String> handler = handlers.get(command.name());
        if (handler == null) {
            return UNRECOGNIZED;
        }
        try {
            return handler.apply(command);
        } catch (IllegalArgumentException e) {
            return "ERROR:4:" + e.getMessage();
        }
    }
}
