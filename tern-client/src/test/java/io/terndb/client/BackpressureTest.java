package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.FakeServer.Behavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Async limits: commands beyond in-flight plus queue fail at once; sockets never exceed the per-node share. */
class BackpressureTest {

    private static final Policy PATIENT = Policy.builder().socketTimeout(Duration.ofSeconds(20))
            .totalTimeout(Duration.ofSeconds(20)).maxRetries(0).build();

    private FakeServer server;
    private TernClient client;

    private TernClient connect(ClientConfig.Builder config) throws Exception {
        server = new FakeServer().otherwise(Behavior.HOLD);
        client = TernClient.connect(config.seed("127.0.0.1", server.port()).eventLoops(1).build());
        return client;
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private List<CompletableFuture<Record>> submit(int count) {
        List<CompletableFuture<Record>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            futures.add(client.async().get(PATIENT, new Key("test", "s", i)));
        }
        return futures;
    }

    private static long rejected(List<CompletableFuture<Record>> futures) {
        return futures.stream().filter(future -> future.isCompletedExceptionally() && failure(future)
                instanceof TernBackpressureException).count();
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.join();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void commandsBeyondInFlightPlusQueueFailAtOnce() throws Exception {
        connect(ClientConfig.builder().maxInFlightPerLoop(2).waitQueueCapacity(3));

        List<CompletableFuture<Record>> futures = submit(10);

        assertThat(rejected(futures)).isEqualTo(5);
        assertThat(client.metrics().rejected()).isEqualTo(5);
        server.release(5);
        for (int i = 0; i < 5; i++) {
            assertThat(futures.get(i).join()).isNotNull();
        }
        assertThat(server.accepted.get()).isLessThanOrEqualTo(2 + 1); // two data sockets and the tend socket
    }

    @Test
    void failFastWithoutAQueue() throws Exception {
        connect(ClientConfig.builder().maxInFlightPerLoop(3).waitQueueCapacity(0));

        List<CompletableFuture<Record>> futures = submit(4);

        assertThat(rejected(futures)).isEqualTo(1);
        assertThat(failure(futures.get(3))).hasMessageContaining("slow down or raise the limits");
        server.release(3);
    }

    @Test
    void perNodeLimitBoundsSocketsAndQueuedCommandsStillComplete() throws Exception {
        connect(ClientConfig.builder().maxInFlightPerLoop(100).maxInFlightPerNode(4).waitQueueCapacity(100));

        List<CompletableFuture<Record>> futures = submit(40);
        Thread.sleep(300);

        assertThat(server.openConnections()).isLessThanOrEqualTo(4 + 1);
        assertThat(rejected(futures)).isZero();
        server.release(40);
        for (CompletableFuture<Record> future : futures) {
            assertThat(future.join()).isNotNull();
        }
        assertThat(server.accepted.get()).isLessThanOrEqualTo(4 + 1);
    }

    @Test
    void closingFailsWaitingCommands() throws Exception {
        connect(ClientConfig.builder().maxInFlightPerLoop(1).waitQueueCapacity(5));
        List<CompletableFuture<Record>> futures = submit(4);

        client.close();
        client = null;

        for (CompletableFuture<Record> future : futures) {
            assertThat(failure(future)).isInstanceOf(TernException.class);
        }
    }
}
