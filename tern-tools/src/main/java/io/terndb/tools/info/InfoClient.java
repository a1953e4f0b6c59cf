package io.terndb.tools.info;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends info commands to one node over a fresh connection and returns the answers, like {@code asinfo}.
 *
 * <pre>{@code
 * InfoClient client = new InfoClient("127.0.0.1", 3000, 1000);
 * Map<String, String> answers = client.request(List.of("status", "build"));
 * }</pre>
 */
public final class InfoClient {
    private final String host;
    private final int port;
    private final int timeoutMs;

    public InfoClient(String host, int port, int timeoutMs) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port=" + port + " must be in [1, 65535]");
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("timeoutMs=" + timeoutMs + " must be >= 1");
        }
        this.host = host;
        this.port = port;
        this.timeoutMs = timeoutMs;
    }

    /**
     * Sends {@code commands} in one request and returns each answered command with its value, in answer order.
     *
     * @throws InfoProtocolException if the answer is not a well-formed info frame
     * @throws IOException if the node cannot be reached or the connection fails or times out
     */
    public Map<String, String> request(List<String> commands) throws IOException {
        byte[] body = encodeBody(commands);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            socket.setTcpNoDelay(true);
            OutputStream output = socket.getOutputStream();
            output.write(InfoFrame.encodeHeader(body.length));
            output.write(body);
            output.flush();
            return decodeBody(readBody(socket.getInputStream()));
        }
    }

    static byte[] encodeBody(List<String> commands) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("commands=[] must name at least one command");
        }
        StringBuilder body = new StringBuilder();
        for (String command : commands) {
            if (command.isEmpty() || command.indexOf('\n') >= 0 || command.indexOf('\t') >= 0) {
                throw new IllegalArgumentException(
                        "command='" + command + "' must be non-empty, without tab or newline");
            }
            body.append(command).append('\n');
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] readBody(InputStream input) throws IOException {
        DataInputStream data = new DataInputStream(input);
        byte[] header = new byte[InfoFrame.HEADER_BYTES];
        try {
            data.readFully(header);
        } catch (EOFException e) {
            throw new InfoProtocolException("connection closed before a full " + InfoFrame.HEADER_BYTES
                    + "-byte header arrived");
        }
        byte[] body = new byte[(int) InfoFrame.decodeBodyLength(header)];
        try {
            data.readFully(body);
        } catch (EOFException e) {
            throw new InfoProtocolException("connection closed before the announced " + body.length
                    + "-byte body arrived");
        }
        return body;
    }

    /** A line without a tab is a command answered with an empty value. */
    static Map<String, String> decodeBody(byte[] body) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                answers.put(line, "");
            } else {
                answers.put(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return answers;
    }
}
