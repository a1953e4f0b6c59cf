package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.Await;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * TTLs in write requests (reference §3.4): 0 = namespace default-ttl (0 here: never), -1 = never, -2 = keep the
 * record's, N = N seconds. Expired records are never returned.
 */
class ExpirationTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final Duration EXPIRY_WAIT = Duration.ofSeconds(10);
    private static final int TEN_YEARS_SECONDS = 315_360_000;

    private AerospikeClient client;
    private Key key;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
        key = new Key("test", set, "k");
    }

    private WritePolicy expiration(int seconds) {
        WritePolicy policy = new WritePolicy(client.getWritePolicyDefault());
        policy.expiration = seconds;
        return policy;
    }

    @Test
    void recordWithTtlOneDisappears() {
        client.put(expiration(1), key, new Bin("a", 1));

        Await.until("record with TTL 1 to expire", EXPIRY_WAIT, () -> client.get(null, key) == null);
        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void recordWithTtlIsReadableUntilItExpires() {
        client.put(expiration(3), key, new Bin("a", 1));

        Record record = client.get(null, key);
        assertThat(record).isNotNull();
        assertThat(record.getTimeToLive()).isBetween(1, 3);
        Await.until("record with TTL 3 to expire", EXPIRY_WAIT, () -> client.get(null, key) == null);
    }

    @Test
    void ttlIsReportedAsRemainingSeconds() {
        client.put(expiration(100), key, new Bin("a", 1));

        assertThat(client.get(null, key).getTimeToLive()).isBetween(95, 100);
    }

    @Test
    void expirationMinusOneNeverExpires() {
        client.put(expiration(-1), key, new Bin("a", 1));

        Record record = client.get(null, key);
        assertThat(record.expiration).isZero();
        assertThat(record.getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void expirationZeroUsesNamespaceDefaultTtlOfNever() {
        client.put(expiration(100), key, new Bin("a", 1));

        client.put(expiration(0), key, new Bin("a", 2));

        assertThat(client.get(null, key).getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void expirationMinusTwoKeepsThePreviousTtl() {
        client.put(expiration(100), key, new Bin("a", 1));

        client.put(expiration(-2), key, new Bin("a", 2));

        Record record = client.get(null, key);
        assertThat(record.getLong("a")).isEqualTo(2);
        assertThat(record.getTimeToLive()).isBetween(95, 100);
    }

    @Test
    void expirationMinusTwoOnNewRecordUsesNamespaceDefault() {
        client.put(expiration(-2), key, new Bin("a", 1));

        assertThat(client.get(null, key).getTimeToLive()).isEqualTo(-1);
    }

    @Test
    void touchSetsTheTtlItCarries() {
        client.put(expiration(-1), key, new Bin("a", 1));

        client.touch(expiration(100), key);

        Record record = client.get(null, key);
        assertThat(record.getTimeToLive()).isBetween(95, 100);
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void ttlOfTenYearsIsAccepted() {
        client.put(expiration(TEN_YEARS_SECONDS), key, new Bin("a", 1));

        assertThat(client.get(null, key).getTimeToLive()).isBetween(TEN_YEARS_SECONDS - 5, TEN_YEARS_SECONDS);
    }

    @Test
    void ttlAboveTenYearsFailsWithParameterError() {
        ResultCodes.assertFailsWith(ResultCode.PARAMETER_ERROR,
                () -> client.put(expiration(TEN_YEARS_SECONDS + 1), key, new Bin("a", 1)));

        assertThat(client.exists(null, key)).isFalse();
    }

    @Test
    void commandsThatNeedARecordTreatAnExpiredOneAsMissing() {
        client.put(expiration(1), key, new Bin("a", 1));
        Await.until("record with TTL 1 to expire", EXPIRY_WAIT, () -> client.get(null, key) == null);

        assertThat(client.exists(null, key)).isFalse();
        assertThat(client.getHeader(null, key)).isNull();
        ResultCodes.assertFailsWith(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.touch(null, key));
        WritePolicy updateOnly = expiration(0);
        updateOnly.recordExistsAction = RecordExistsAction.UPDATE_ONLY;
        ResultCodes.assertFailsWith(ResultCode.KEY_NOT_FOUND_ERROR, () -> client.put(updateOnly, key, new Bin("b", 2)));
        assertThat(client.delete(null, key)).isFalse();
    }

    @Test
    void writesOverAnExpiredRecordStartAFreshRecord() {
        Key createOnlyKey = new Key("test", set, "create-only");
        client.put(expiration(1), key, new Bin("a", 1), new Bin("b", 1));
        client.put(expiration(1), key, new Bin("a", 2));
        client.put(expiration(1), createOnlyKey, new Bin("a", 1));
        Await.until("records with TTL 1 to expire", EXPIRY_WAIT,
                () -> client.get(null, key) == null && client.get(null, createOnlyKey) == null);

        client.put(null, key, new Bin("c", 3));
        WritePolicy createOnly = expiration(0);
        createOnly.recordExistsAction = RecordExistsAction.CREATE_ONLY;
        client.put(createOnly, createOnlyKey, new Bin("c", 4));

        Record record = client.get(null, key);
        assertThat(record.bins).containsOnlyKeys("c");
        assertThat(record.generation).isEqualTo(1);
        assertThat(client.get(null, createOnlyKey).bins).containsOnlyKeys("c");
    }

    @Test
    void scanDoesNotReturnExpiredRecords() {
        for (int i = 0; i < 3; i++) {
            client.put(expiration(1), new Key("test", set, i), new Bin("a", i));
        }
        client.put(expiration(-1), new Key("test", set, "stays"), new Bin("a", 99));
        Await.until("records with TTL 1 to expire", EXPIRY_WAIT,
                () -> client.get(null, new Key("test", set, 0)) == null);

        AtomicInteger scanned = new AtomicInteger();
        client.scanAll(null, "test", set, (scannedKey, record) -> {
            assertThat(record.getLong("a")).isEqualTo(99);
            scanned.incrementAndGet();
        });

        assertThat(scanned).hasValue(1);
    }

    @Test
    void batchReadReturnsNullForExpiredRecord() {
        Key expiring = new Key("test", set, "expiring");
        Key staying = new Key("test", set, "staying");
        client.put(expiration(1), expiring, new Bin("a", 1));
        client.put(null, staying, new Bin("a", 2));
        Await.until("record with TTL 1 to expire", EXPIRY_WAIT, () -> !client.exists(null, expiring));

        Record[] records = client.get(null, new Key[] {expiring, staying});

        assertThat(records[0]).isNull();
        assertThat(records[1].getLong("a")).isEqualTo(2);
    }
}
