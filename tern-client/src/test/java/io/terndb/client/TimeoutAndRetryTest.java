package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.FakeServer.Behavior;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Timeouts and retries against a server that stalls, drops connections or answers "timeout"; sync and async. */
class TimeoutAndRetryTest {

    private static final Key KEY = new Key("test", "s", 1);
    private static final Duration SHORT = Duration.ofMillis(200);

    private FakeServer server;
    private TernClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port()).eventLoops(1).build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static Policy reads(int retries) {
        return Policy.builder().socketTimeout(SHORT).totalTimeout(Duration.ofSeconds(5)).maxRetries(retries).build();
    }

    private static WritePolicy writes() {
        return WritePolicy.builder().socketTimeout(SHORT).totalTimeout(Duration.ofSeconds(5)).build();
    }

    private static Throwable cause(Throwable thrown) {
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }

    @Test
    void syncReadRetriesAfterAStallAndSucceeds() {
        server.script(Behavior.STALL);

        assertThat(client.get(reads(2), KEY)).isNotNull();

        assertThat(server.dataRequests).hasValue(2);
        assertThat(client.metrics().timeouts()).isEqualTo(1);
        assertThat(client.metrics().retries()).isEqualTo(1);
    }

    @Test
    void syncReadFailsWithATimeoutOnceRetriesAreSpent() {
        server.otherwise(Behavior.STALL);

        assertThatThrownBy(() -> client.get(reads(2), KEY)).isInstanceOfSatisfying(TernTimeoutException.class, e -> {
            assertThat(e.attempts()).isEqualTo(3);
            assertThat(e.inDoubt()).isFalse();
            assertThat(e.node()).isEqualTo(FakeServer.NODE_NAME);
        });
        assertThat(server.dataRequests).hasValue(3);
    }

    @Test
    void syncTimeoutEndsAReadBlockedOnAVirtualThread() throws Exception {
        server.otherwise(Behavior.STALL);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long startNs = System.nanoTime();

        Thread.ofVirtual().start(() -> {
            try {
                client.get(reads(0), KEY);
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }).join(5_000);

        assertThat(failure.get()).isInstanceOf(TernTimeoutException.class);
        assertThat((System.nanoTime() - startNs) / 1_000_000).isBetween(150L, 2_000L);
    }

    @Test
    void syncWriteIsNotRetriedByDefaultAndIsInDoubt() {
        server.script(Behavior.STALL);

        assertThatThrownBy(() -> client.put(writes(), KEY, new Bin("a", 1)))
                .isInstanceOfSatisfying(TernTimeoutException.class, e -> assertThat(e.inDoubt()).isTrue());
        assertThat(server.dataRequests).hasValue(1);
    }

    @Test
    void droppedConnectionIsRetriedOnANewOne() {
        server.script(Behavior.DROP);

        assertThat(client.exists(reads(1), KEY)).isTrue();

        assertThat(server.dataRequests).hasValue(2);
        assertThat(client.metrics().timeouts()).isZero();
    }

    @Test
    void droppedWriteFailsInDoubt() {
        server.script(Behavior.DROP);

        assertThatThrownBy(() -> client.put(writes(), KEY, new Bin("a", 1)))
                .isInstanceOfSatisfying(TernException.class, e -> {
                    assertThat(e.inDoubt()).isTrue();
                    assertThat(e.resultCode()).isEqualTo(ClientResultCode.SERVER_NOT_AVAILABLE);
                });
    }

    @Test
    void serverTimeoutResultIsRetriedForReads() {
        server.script(Behavior.SERVER_TIMEOUT);

        assertThat(client.get(reads(1), KEY)).isNotNull();
        assertThat(server.dataRequests).hasValue(2);
    }

    @Test
    void totalTimeoutEndsRetriesEarly() {
        server.otherwise(Behavior.STALL);
        Policy policy = Policy.builder().socketTimeout(Duration.ofMillis(100)).totalTimeout(Duration.ofMillis(350))
                .maxRetries(100).build();
        long startNs = System.nanoTime();

        assertThatThrownBy(() -> client.get(policy, KEY)).isInstanceOf(TernTimeoutException.class);

        long elapsedMs = (System.nanoTime() - startNs) / 1_000_000;
        assertThat(elapsedMs).isBetween(300L, 3_000L);
        assertThat(server.dataRequests.get()).isBetween(3, 5);
    }

    @Test
    void backoffWaitsBetweenAttempts() {
        server.script(Behavior.DROP);
        Policy policy = reads(1).toBuilder().retryBackoff(Duration.ofMillis(300)).build();
        long startNs = System.nanoTime();

        client.get(policy, KEY);

        assertThat((System.nanoTime() - startNs) / 1_000_000).isGreaterThanOrEqualTo(300);
    }

    @Test
    void asyncReadRetriesAfterAStallAndSucceeds() {
        server.script(Behavior.STALL);

        assertThat(client.async().get(reads(2), KEY).join()).isNotNull();

        assertThat(server.dataRequests).hasValue(2);
        assertThat(client.metrics().timeouts()).isEqualTo(1);
    }

    @Test
    void asyncReadFailsWithATimeoutOnceRetriesAreSpent() {
        server.otherwise(Behavior.STALL);

        assertThatThrownBy(() -> client.async().get(reads(1), KEY).join())
                .satisfies(thrown -> assertThat(cause(thrown)).isInstanceOfSatisfying(TernTimeoutException.class,
                        e -> assertThat(e.attempts()).isEqualTo(2)));
    }

    @Test
    void asyncWriteIsInDoubtAfterADrop() {
        server.script(Behavior.DROP);

        assertThatThrownBy(() -> client.async().put(writes(), KEY, new Bin("a", 1)).join())
                .satisfies(thrown -> assertThat(cause(thrown)).isInstanceOfSatisfying(TernException.class,
                        e -> assertThat(e.inDoubt()).isTrue()));
    }

    @Test
    void asyncDroppedReadIsRetried() {
        server.script(Behavior.DROP, Behavior.SERVER_TIMEOUT);

        assertThat(client.async().exists(reads(2), KEY).join()).isTrue();
        assertThat(server.dataRequests).hasValue(3);
    }
}
