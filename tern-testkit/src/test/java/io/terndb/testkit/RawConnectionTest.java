package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Against a plain loopback server socket standing in for the peer. */
@Timeout(10)
class RawConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private ServerSocket listener;

    @BeforeEach
    void listen() throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void closeListener() throws IOException {
        listener.close();
    }

    @Test
    void readsOneWholeFrame() throws IOException {
        try (RawConnection connection = RawConnection.open(listener.getLocalPort());
                Socket peer = listener.accept()) {
            byte[] frame = new ProtoFrame(2, 1, "status\tok\n".getBytes(StandardCharsets.UTF_8)).encode();
            OutputStream out = peer.getOutputStream();
            out.write(frame, 0, 5);
            out.flush();
            out.write(frame, 5, frame.length - 5);

            ProtoFrame reply = connection.readFrame(WAIT);

            assertThat(reply.type()).isEqualTo(ProtoFrame.TYPE_INFO);
            assertThat(InfoText.parseReply(reply.body())).containsEntry("status", "ok");
        }
    }

    @Test
    void reportsCloseBeforeAnyByteAsEmpty() throws IOException {
        try (RawConnection connection = RawConnection.open(listener.getLocalPort())) {
            listener.accept().close();

            assertThat(connection.readFrameOrClosed(WAIT)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void reportsCloseInTheMiddleOfAFrameAsEof() throws IOException {
        try (RawConnection connection = RawConnection.open(listener.getLocalPort())) {
            try (Socket peer = listener.accept()) {
                peer.getOutputStream().write(ProtoFrame.header(2, 3, 100));
            }

            assertThatThrownBy(() -> connection.readFrameOrClosed(WAIT)).isInstanceOf(EOFException.class);
        }
    }

    @Test
    void timesOutWhenPeerStaysSilent() throws IOException {
        try (RawConnection connection = RawConnection.open(listener.getLocalPort());
                Socket peer = listener.accept()) {
            assertThat(peer.isConnected()).isTrue();
            assertThatThrownBy(() -> connection.readFrameOrClosed(Duration.ofMillis(200)))
                    .isInstanceOf(SocketTimeoutException.class);
            assertThat(connection.awaitClosedByPeer(Duration.ofMillis(200))).isFalse();
        }
    }

    @Test
    void awaitClosedByPeerSeesTheClose() throws IOException {
        try (RawConnection connection = RawConnection.open(listener.getLocalPort())) {
            listener.accept().close();

            assertThat(connection.awaitClosedByPeer(WAIT)).isTrue();
        }
    }
}
