package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Closing leaves no client thread and no socket behind; sync calls work from many virtual threads. */
class CloseTest {

    private static List<String> clientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("tern-")).toList();
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadlineNs = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadlineNs) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void closeStopsEveryThreadAndClosesEverySocket() throws Exception {
        try (FakeServer server = new FakeServer()) {
            TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port())
                    .minConnectionsPerNode(2).eventLoops(2).build());
            Key key = new Key("test", "s", 1);
            client.put(key, new Bin("a", 1));
            List<CompletableFuture<Record>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(client.async().get(key));
            }
            futures.forEach(CompletableFuture::join);
            assertThat(clientThreads()).isNotEmpty();
            assertThat(server.openConnections()).isGreaterThan(1);

            client.close();

            awaitTrue(() -> clientThreads().isEmpty(), "client threads gone, still " + clientThreads());
            awaitTrue(() -> server.openConnections() == 0, "sockets closed");
            assertThat(client.metrics().connectionsOpen()).isZero();
        }
    }

    @Test
    void idleSyncAndAsyncConnectionsAreClosedAfterMaxIdle() throws Exception {
        try (FakeServer server = new FakeServer();
                TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port())
                        .maxIdle(Duration.ofMillis(200)).tendInterval(Duration.ofMillis(100)).eventLoops(1).build())) {
            Key key = new Key("test", "s", 1);
            client.get(key);
            client.async().get(key).join();
            assertThat(server.openConnections()).isEqualTo(3); // tend, sync, async

            awaitTrue(() -> server.openConnections() == 1, "only the tend socket left, open: "
                    + server.openConnections());
            assertThat(client.metrics().connectionsClosed()).isEqualTo(2);
            assertThat(client.get(key)).isNotNull(); // and a new one is opened on demand
        }
    }

    @Test
    void syncCallsFromThousandsOfVirtualThreadsShareABoundedPool() throws Exception {
        try (FakeServer server = new FakeServer();
                TernClient client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port())
                        .maxConnectionsPerNode(16).readPolicy(Policy.builder().totalTimeout(Duration.ofSeconds(30))
                                .socketTimeout(Duration.ofSeconds(30)).build()).build());
                var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                Key key = new Key("test", "s", i);
                results.add(executor.submit(() -> client.exists(key)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
            assertThat(server.accepted.get()).isLessThanOrEqualTo(16 + 1);
        }
    }
}
