package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import io.terndb.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A memory namespace filled past {@code stop-writes-used-pct} of its {@code data-size} refuses writes with result 8
 * (the original's AS_ERR_OUT_OF_SPACE), still serves reads and deletes, and takes writes again once deletes have
 * made room. The namespace is the smallest the original allows (512 MiB) with a 5% threshold, so about 26 MiB fill
 * it.
 */
class StopWritesTest {

    private static final String SMALL_NAMESPACE = """
            namespace test {
                replication-factor 1
                default-ttl 0
                nsup-period 1
                storage-engine memory {
                    data-size 512M
                    stop-writes-used-pct 5
                }
            }
            """;
    private static final int RECORD_BYTES = 900 * 1024;
    /** Just short of the whole data-size: the refusal must come well before. */
    private static final int RECORDS_MAX = 560;

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension(builder -> builder.namespace(SMALL_NAMESPACE));

    @Test
    void fullNamespaceRefusesWritesButServesReadsAndDeletesUntilThereIsRoomAgain() {
        AerospikeClient client = SERVER.client();
        byte[] blob = new byte[RECORD_BYTES];
        List<Key> stored = new ArrayList<>();
        AerospikeException refusal = null;
        for (int i = 0; i < RECORDS_MAX && refusal == null; i++) {
            Key key = new Key("test", "fill", i);
            refusal = catchThrowableOfType(AerospikeException.class, () -> client.put(null, key, new Bin("b", blob)));
            if (refusal == null) {
                stored.add(key);
            }
        }

        assertThat(refusal).as("a write refused within %d records of %d bytes", RECORDS_MAX, RECORD_BYTES)
                .isNotNull();
        assertThat(refusal.getResultCode()).isEqualTo(ResultCode.SERVER_MEM_ERROR);
        assertThat(client.get(null, stored.get(0)).getBytes("b")).hasSize(RECORD_BYTES);
        for (Key key : stored) {
            assertThat(client.delete(null, key)).isTrue();
        }
        Await.until("writes to be accepted again after deleting everything", Duration.ofSeconds(15),
                () -> catchThrowableOfType(AerospikeException.class,
                        () -> client.put(null, new Key("test", "fill", "after"), new Bin("a", 1))) == null);
    }
}
