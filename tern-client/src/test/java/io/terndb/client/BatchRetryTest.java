package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.terndb.client.FakeServer.Behavior;
import io.terndb.protocol.ResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batch rows a node answers 11 (partition unavailable: the client's map is stale, as during a failover) are asked
 * again while the policy allows, instead of reading as missing records; once no retry is left, reads that return
 * records or existence fail rather than report the record absent.
 */
class BatchRetryTest {

    private static final int ROWS = 10;
    private static final Policy ONE_RETRY = Policy.builder().socketTimeout(Duration.ofSeconds(10))
            .totalTimeout(Duration.ofSeconds(10)).maxRetries(1).build();
    private static final Policy NO_RETRY = Policy.builder().socketTimeout(Duration.ofSeconds(10))
            .totalTimeout(Duration.ofSeconds(10)).maxRetries(0).build();

    private FakeServer server;
    private TernClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer().otherwise(Behavior.BLOBS).blobs(16, 4);
        client = TernClient.connect(ClientConfig.builder().seed("127.0.0.1", server.port()).eventLoops(1).build());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    private static Key[] keys() {
        Key[] keys = new Key[ROWS];
        for (int i = 0; i < ROWS; i++) {
            keys[i] = new Key("test", "s", i);
        }
        return keys;
    }

    private static boolean missing(int row) {
        return row % FakeServer.BLOB_MISSING_EVERY == FakeServer.BLOB_MISSING_EVERY - 1;
    }

    private static void assertEveryRowAnswered(Record[] records) {
        assertThat(records).hasSize(ROWS);
        for (int row = 0; row < ROWS; row++) {
            if (missing(row)) {
                assertThat(records[row]).as("row %d", row).isNull();
            } else {
                assertThat(records[row]).as("row %d", row).isNotNull();
                assertThat(records[row].getLong("n")).isEqualTo(row);
            }
        }
    }

    @Test
    void rowsAnsweredUnavailableAreAskedAgainSyncAndAsync() {
        server.script(Behavior.UNAVAILABLE);
        assertEveryRowAnswered(client.get(ONE_RETRY, keys()));
        assertThat(server.dataRequests.get()).isEqualTo(2);

        server.script(Behavior.UNAVAILABLE);
        assertEveryRowAnswered(client.async().get(ONE_RETRY, keys()).join());
        assertThat(server.dataRequests.get()).isEqualTo(4);

        server.script(Behavior.UNAVAILABLE);
        boolean[] exists = client.exists(ONE_RETRY, keys());
        for (int row = 0; row < ROWS; row++) {
            assertThat(exists[row]).as("row %d", row).isEqualTo(!missing(row));
        }
    }

    @Test
    void rowsStillUnavailableAfterTheLastRetryFailTheReadInsteadOfReadingAsMissing() {
        server.script(Behavior.UNAVAILABLE);
        assertThatThrownBy(() -> client.get(NO_RETRY, keys())).isInstanceOf(TernException.class)
                .satisfies(e -> assertThat(((TernException) e).resultCode())
                        .isEqualTo(ResultCode.PARTITION_UNAVAILABLE));

        server.script(Behavior.UNAVAILABLE, Behavior.UNAVAILABLE);
        assertThatThrownBy(() -> client.async().exists(ONE_RETRY, keys()).join())
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((TernException) e.getCause()).resultCode())
                        .isEqualTo(ResultCode.PARTITION_UNAVAILABLE));
        assertThat(server.dataRequests.get()).isEqualTo(3);
    }

    @Test
    void aViewListenerSeesOnlyTheAnswerOfTheLastRound() throws Exception {
        server.script(Behavior.UNAVAILABLE);
        Map<Integer, List<Integer>> codes = new ConcurrentHashMap<>();

        client.async().getViews(ONE_RETRY, keys(), new String[] {"b", "n"}, (index, resultCode, view) ->
                codes.computeIfAbsent(index, ignored -> new ArrayList<>()).add(resultCode)).get(10, TimeUnit.SECONDS);

        assertThat(codes).hasSize(ROWS);
        for (int row = 0; row < ROWS; row++) {
            assertThat(codes.get(row)).as("row %d", row)
                    .containsExactly(missing(row) ? ResultCode.KEY_NOT_FOUND : ResultCode.OK);
        }
    }

    @Test
    void operateRowsAnsweredUnavailableAreSentAgain() {
        server.script(Behavior.UNAVAILABLE);
        List<BatchOperation> operations = new ArrayList<>();
        for (Key key : keys()) {
            operations.add(BatchOperation.of(key, Operation.get("n")));
        }

        List<BatchResult> results = client.operate(ONE_RETRY, operations);

        for (int row = 0; row < ROWS; row++) {
            assertThat(results.get(row).resultCode()).as("row %d", row)
                    .isEqualTo(missing(row) ? ResultCode.KEY_NOT_FOUND : ResultCode.OK);
        }
        assertThat(server.dataRequests.get()).isEqualTo(2);
    }
}
