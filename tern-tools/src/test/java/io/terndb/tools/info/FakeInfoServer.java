package io.terndb.tools.info;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A one-connection info server on a loopback port: records the request, sends back canned bytes. */
final class FakeInfoServer implements AutoCloseable {
    private final ServerSocket serverSocket;
    private final CompletableFuture<byte[]> request = new CompletableFuture<>();

    private FakeInfoServer(byte[] response) throws IOException {
        serverSocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-info-server").start(() -> serve(response));
    }

    /** Answers with a well-formed info frame whose body is {@code body}. */
    static FakeInfoServer answering(String body) throws IOException {
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] header = InfoFrame.encodeHeader(bodyBytes.length);
        byte[] response = new byte[header.length + bodyBytes.length];
        System.arraycopy(header, 0, response, 0, header.length);
        System.arraycopy(bodyBytes, 0, response, header.length, bodyBytes.length);
        return new FakeInfoServer(response);
    }

    /** Answers with exactly {@code response}, well-formed or not, then closes the connection. */
    static FakeInfoServer answeringRaw(byte[] response) throws IOException {
        return new FakeInfoServer(response);
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    /** The full request frame (header and body) the client sent. */
    byte[] request() throws Exception {
        return request.get(5, TimeUnit.SECONDS);
    }

    private void serve(byte[] response) {
        try (Socket socket = serverSocket.accept()) {
            DataInputStream input = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[InfoFrame.HEADER_BYTES];
            input.readFully(header);
            byte[] body = new byte[(int) InfoFrame.decodeBodyLength(header)];
            input.readFully(body);
            byte[] frame = new byte[header.length + body.length];
            System.arraycopy(header, 0, frame, 0, header.length);
            System.arraycopy(body, 0, frame, header.length, body.length);
            request.complete(frame);
            OutputStream output = socket.getOutputStream();
            output.write(response);
            output.flush();
        } catch (IOException e) {
            request.completeExceptionally(new UncheckedIOException(e));
        }
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
    }
}
