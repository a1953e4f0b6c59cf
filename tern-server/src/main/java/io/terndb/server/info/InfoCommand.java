package io.terndb.server.info;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One parsed info command: {@code name[/arg0/arg1...][:key=value;key=value...]}.
 *
 * @param name       the command name (at most 31 characters count; longer names are unknown)
 * @param arguments  the {@code /}-separated arguments
 * @param parameters the {@code key=value} pairs after {@code :}
 */
public record InfoCommand(String name, List<String> arguments, Map<String, String> parameters) {

    static final int NAME_LENGTH_MAX = 31;

    static InfoCommand parse(String line) {
        int nameEnd = line.length();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '/' || c == ':' || c == ';') {
                nameEnd = i;
                break;
            }
        }
        String name = line.substring(0, nameEnd);
        if (name.length() > NAME_LENGTH_MAX) {
            name = "";
        }
        int colon = line.indexOf(':', nameEnd);
        String path = colon < 0 ? line.substring(nameEnd) : line.substring(nameEnd, colon);
        List<String> arguments = path.startsWith("/") ? List.of(path.substring(1).split("/", -1)) : List.of();
        Map<String, String> parameters = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : line.substring(colon + 1).split(";")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                parameters.put(equals < 0 ? pair : pair.substring(0, equals),
                        equals < 0 ? "" : pair.substring(equals + 1));
            }
        }
        return new InfoCommand(name, arguments, parameters);
    }

    String argument(int index) {
        return index < arguments.size() ? arguments.get(index) : null;
    }
}
