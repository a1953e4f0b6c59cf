package io.terndb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.FakeServer.Behavior;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch reply of many frames, written in 1,000-byte pieces so that frames and records straddle socket reads:
 * rows reach a {@link BatchRecordListener} as views, and the record API, in full and in order.
 */
class BatchViewsTest {

    private static final int ROWS = 23;
    private static final int BLOB_BYTES = 70_000;
    private static final Policy PATIENT = Policy.builder().socketTimeout(Duration.ofSeconds(20))
            .totalTimeout(Duration.ofSeconds(20)).maxRetries(0).build();

    private FakeServer server;
    private TernClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer().otherwise(Behavior.BLOBS).blobs(BLOB_BYTES, 3);
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

    @Test
    void viewsDeliverEveryRowInPlaceAcrossFramesAndReads() throws Exception {
        Map<Integer, String> seen = new ConcurrentHashMap<>();

        client.async().getViews(PATIENT, keys(), new String[] {"b", "n"}, (index, resultCode, view) ->
                seen.put(index, describe(index, resultCode, view))).get(10, TimeUnit.SECONDS);

        assertThat(seen).hasSize(ROWS);
        for (int row = 0; row < ROWS; row++) {
            assertThat(seen.get(row)).as("row %d", row).isEqualTo(missing(row) ? "missing" : "ok");
        }
    }

    /** "ok" when the view holds exactly the server's bins for the row, else what differs. */
    private static String describe(int row, int resultCode, RecordView view) {
        if (resultCode == ResultCode.KEY_NOT_FOUND) {
            return view.binCount() == 0 ? "missing" : "missing with bins";
        }
        int blob = view.find("b");
        int number = view.find("n");
        if (blob < 0 || number < 0 || view.find("absent") != -1 || view.particleType(blob) != ParticleType.BLOB) {
            return "bins " + view.binCount();
        }
        if (view.valueLength(blob) != BLOB_BYTES || !view.value(number).equals((long) row)) {
            return "length " + view.valueLength(blob) + " n " + view.value(number);
        }
        byte[] array = view.array();
        for (int at = 0; at < BLOB_BYTES; at++) {
            if (array[view.valueOffset(blob) + at] != FakeServer.blobByte(row, at)) {
                return "byte " + at + " differs";
            }
        }
        return "ok";
    }

    @Test
    void theRecordApiReadsTheSameManyFrameReply() throws Exception {
        Record[] records = client.async().get(PATIENT, keys(), "b", "n").get(10, TimeUnit.SECONDS);

        for (int row = 0; row < ROWS; row++) {
            if (missing(row)) {
                assertThat(records[row]).isNull();
                continue;
            }
            byte[] expected = new byte[BLOB_BYTES];
            for (int at = 0; at < BLOB_BYTES; at++) {
                expected[at] = FakeServer.blobByte(row, at);
            }
            assertThat(records[row].getBytes("b")).isEqualTo(expected);
            assertThat(records[row].getLong("n")).isEqualTo(row);
        }
    }

    @Test
    void aFailingListenerFailsTheBatchInsteadOfLosingIt() {
        var future = client.async().getViews(PATIENT, keys(), new String[] {"b"}, (index, resultCode, view) -> {
            throw new IllegalStateException("listener broke at row " + index);
        });

        assertThat(future).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .havingRootCause().withMessage("listener broke at row 0");
    }
}
