package io.terndb.client.internal.codec;

import io.terndb.protocol.ProtoHeader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The text info protocol (reference §2.1): a type-1 message whose body is {@code command\n} per command; the
 * reply holds {@code command\tvalue\n} per command, in order.
 */
public final class InfoCodec {

    private InfoCodec() {
    }

    /** Writes the whole request (proto header included). */
    public static void writeRequest(CommandBuffer out, List<String> commands) {
        out.reset();
        out.writeLong(0);
        for (String command : commands) {
            if (command.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("info command=" + command + " (contains a newline)");
            }
            out.writeUtf8(command);
            out.writeByte('\n');
        }
        out.putLong(0, ProtoHeader.encode(ProtoHeader.TYPE_INFO, out.position() - ProtoHeader.BYTES));
    }

    /** Splits a reply body into command → value; a line without a tab maps to the empty string. */
    public static Map<String, String> parseReply(byte[] body, int offset, int length) {
        String text = new String(body, offset, length, StandardCharsets.UTF_8);
        Map<String, String> values = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String line = text.substring(start, end);
            int tab = line.indexOf('\t');
            if (!line.isEmpty()) {
                values.put(tab < 0 ? line : line.substring(0, tab), tab < 0 ? "" : line.substring(tab + 1));
            }
            start = end + 1;
        }
        return values;
    }
}
