import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Fallback loopback ceiling for bench/kvcache.sh where iperf3 is not available: one TCP stream on 127.0.0.1,
 * memory to memory in 1 MiB writes, like iperf3's single-stream test. Prints GiB/s (2^30 bytes per second).
 *
 *   java bench/LoopbackCeiling.java GIB
 */
public final class LoopbackCeiling {

    private static final int CHUNK_BYTES = 1024 * 1024;

    public static void main(String[] arguments) throws Exception {
        long totalBytes = Long.parseLong(arguments.length > 0 ? arguments[0] : "4") << 30;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = Thread.ofPlatform().start(() -> drain(server, totalBytes));
            byte[] chunk = new byte[CHUNK_BYTES];
            long startNs = System.nanoTime();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                    OutputStream out = socket.getOutputStream()) {
                for (long sent = 0; sent < totalBytes; sent += CHUNK_BYTES) {
                    out.write(chunk);
                }
            }
            reader.join();
            double seconds = (System.nanoTime() - startNs) / 1e9;
            System.out.printf("%.2f%n", totalBytes / seconds / (1L << 30));
        }
    }

    private static void drain(ServerSocket server, long totalBytes) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            long received = 0;
            for (int read = in.read(buffer); read > 0 && received < totalBytes; read = in.read(buffer)) {
                received += read;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
