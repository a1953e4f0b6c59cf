package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A command whose request cannot be allocated or sent ends with CLIENT_ERROR and gives its slots back. With one
 * loop, one slot and no wait queue, a slot that leaked would make every later command fail with backpressure.
 */
class SendFailureTest {

    private static final Policy ONE_TRY = Policy.builder().socketTimeout(Duration.ofSeconds(10))
            .totalTimeout(Duration.ofSeconds(10)).maxRetries(2).build();
    private static final WritePolicy ONE_TRY_WRITE = WritePolicy.builder().socketTimeout(Duration.ofSeconds(10))
            .totalTimeout(Duration.ofSeconds(10)).maxRetries(2).build();

    private FakeServer server;
    private TernClient client;
    private final FailingAllocator allocator = new FailingAllocator();

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port()).eventLoops(1)
                .maxInFlightPerLoop(1).maxInFlightPerNode(1).waitQueueCapacity(0).build(), allocator);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static TernException failure(CompletableFuture<?> future) throws Exception {
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return (TernException) e.getCause();
        }
        throw new AssertionError("the command succeeded");
    }

    @Test
    void readFailsWhenItsFirstConnectionCannotAllocateAndLaterCommandsStillRun() throws Exception {
        allocator.failNext(1);

        TernException failure = failure(client.async().get(ONE_TRY, new Key("test", "s", 1)));

        assertThat(failure.resultCode()).isEqualTo(ClientResultCode.CLIENT_ERROR);
        assertThat(failure.getMessage()).contains("cannot encode or allocate").contains("OutOfMemoryError");
        assertThat(failure.inDoubt()).isFalse();
        assertThat(allocator.failed.get()).isEqualTo(1);
        assertThat(client.metrics().errors()).isEqualTo(1);
        assertThat(client.async().get(ONE_TRY, new Key("test", "s", 2)).get(5, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void writeOnAnIdleConnectionFailsNotInDoubtWhenNothingWasSent() throws Exception {
        client.async().put(ONE_TRY_WRITE, new Key("test", "s", 1), new Bin("n", 1)).get(5, TimeUnit.SECONDS);
        int requestsBefore = server.dataRequests.get();
        allocator.failNext(1);

        TernException failure = failure(client.async().put(ONE_TRY_WRITE, new Key("test", "s", 2),
                new Bin("n", 2)));

        assertThat(failure.resultCode()).isEqualTo(ClientResultCode.CLIENT_ERROR);
        assertThat(failure.inDoubt()).isFalse();
        assertThat(server.dataRequests.get()).isEqualTo(requestsBefore);
        client.async().put(ONE_TRY_WRITE, new Key("test", "s", 3), new Bin("n", 3)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void everyFailedCommandCompletesAndTheSlotComesBackEachTime() throws Exception {
        for (int i = 0; i < 20; i++) {
            allocator.failNext(1);
            assertThat(failure(client.async().get(ONE_TRY, new Key("test", "s", i))).resultCode())
                    .isEqualTo(ClientResultCode.CLIENT_ERROR);
        }
        assertThat(client.metrics().rejected()).isZero();
        assertThat(client.async().get(ONE_TRY, new Key("test", "s", 99)).get(5, TimeUnit.SECONDS)).isNotNull();
    }
}
