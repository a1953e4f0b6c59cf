package io.terndb.testkit;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of info messages (proto type 1): a request is commands each ended by {@code \n}; a reply repeats each
 * command, a TAB, the value and {@code \n}.
 */
public final class InfoText {

    private InfoText() {
    }

    /** The body of a request for {@code commands}, each followed by a newline. */
    public static byte[] requestBody(String... commands) {
        StringBuilder text = new StringBuilder();
        for (String command : commands) {
            if (command.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("command=" + command + " contains a newline");
            }
            text.append(command).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A whole request frame for {@code commands}. */
    public static byte[] request(String... commands) {
        return new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_INFO, requestBody(commands)).encode();
    }

    /**
     * Splits a reply body into command → value, in reply order. A line without a TAB maps to the empty string.
     * Values are kept exactly, so an {@code ERROR:...} value stays visible to the caller.
     */
    public static Map<String, String> parseReply(byte[] body) {
        Map<String, String> values = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                values.put(line, "");
            } else {
                values.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return values;
    }
}
