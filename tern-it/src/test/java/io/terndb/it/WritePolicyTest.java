package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.Value;
import com.aerospike.client.policy.GenerationPolicy;
import com.aerospike.client.policy.RecordExistsAction;
import com.aerospike.client.policy.WritePolicy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Record-exists actions, generation checks, durable delete, and writes the server must refuse. */
class WritePolicyTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private AerospikeClient client;
    private String set;

    @BeforeEach
    void setUp(TestInfo info) {
        client = SERVER.client();
        set = TestSets.of(info);
    }

    private Key key(String userKey) {
        return new Key("test", set, userKey);
    }

    private WritePolicy policy(RecordExistsAction action) {
        WritePolicy policy = new WritePolicy(client.getWritePolicyDefault());
        policy.recordExistsAction = action;
        return policy;
    }

    @Test
    void updateMergesBinsIntoExistingRecord() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 1));

        client.put(policy(RecordExistsAction.UPDATE), key("k"), new Bin("b", 2), new Bin("c", 2));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("a", 1L), entry("b", 2L), entry("c", 2L));
    }

    @Test
    void updateOnlyFailsWithKeyNotFoundForMissingRecord() {
        ResultCodes.assertFailsWith(ResultCode.KEY_NOT_FOUND_ERROR,
                () -> client.put(policy(RecordExistsAction.UPDATE_ONLY), key("missing"), new Bin("a", 1)));

        assertThat(client.exists(null, key("missing"))).isFalse();
    }

    @Test
    void updateOnlyMergesBinsIntoExistingRecord() {
        client.put(null, key("k"), new Bin("a", 1));

        client.put(policy(RecordExistsAction.UPDATE_ONLY), key("k"), new Bin("b", 2));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("a", 1L), entry("b", 2L));
    }

    @Test
    void replaceDropsBinsNotWritten() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 1));

        client.put(policy(RecordExistsAction.REPLACE), key("k"), new Bin("c", 3));

        Record record = client.get(null, key("k"));
        assertThat(record.bins).containsOnly(entry("c", 3L));
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void replaceCreatesMissingRecord() {
        client.put(policy(RecordExistsAction.REPLACE), key("k"), new Bin("c", 3));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("c", 3L));
    }

    @Test
    void replaceOnlyFailsWithKeyNotFoundForMissingRecord() {
        ResultCodes.assertFailsWith(ResultCode.KEY_NOT_FOUND_ERROR,
                () -> client.put(policy(RecordExistsAction.REPLACE_ONLY), key("missing"), new Bin("a", 1)));

        assertThat(client.exists(null, key("missing"))).isFalse();
    }

    @Test
    void replaceOnlyReplacesExistingRecord() {
        client.put(null, key("k"), new Bin("a", 1), new Bin("b", 1));

        client.put(policy(RecordExistsAction.REPLACE_ONLY), key("k"), new Bin("b", 2));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("b", 2L));
    }

    @Test
    void createOnlyFailsWithKeyExistsWhenRecordExists() {
        client.put(null, key("k"), new Bin("a", 1));

        ResultCodes.assertFailsWith(ResultCode.KEY_EXISTS_ERROR,
                () -> client.put(policy(RecordExistsAction.CREATE_ONLY), key("k"), new Bin("a", 2)));

        Record record = client.get(null, key("k"));
        assertThat(record.bins).containsOnly(entry("a", 1L));
        assertThat(record.generation).isEqualTo(1);
    }

    @Test
    void createOnlyCreatesMissingRecord() {
        client.put(policy(RecordExistsAction.CREATE_ONLY), key("k"), new Bin("a", 1));

        assertThat(client.get(null, key("k")).bins).containsOnly(entry("a", 1L));
    }

    @Test
    void generationMismatchFailsWithGenerationError() {
        client.put(null, key("k"), new Bin("a", 1));
        client.put(null, key("k"), new Bin("a", 2));
        WritePolicy policy = policy(RecordExistsAction.UPDATE);
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        policy.generation = 1;

        ResultCodes.assertFailsWith(ResultCode.GENERATION_ERROR, () -> client.put(policy, key("k"), new Bin("a", 3)));

        Record record = client.get(null, key("k"));
        assertThat(record.getLong("a")).isEqualTo(2);
        assertThat(record.generation).isEqualTo(2);
    }

    @Test
    void matchingGenerationLetsTheWriteThrough() {
        client.put(null, key("k"), new Bin("a", 1));
        client.put(null, key("k"), new Bin("a", 2));
        WritePolicy policy = policy(RecordExistsAction.UPDATE);
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_EQUAL;
        policy.generation = 2;

        client.put(policy, key("k"), new Bin("a", 3));

        Record record = client.get(null, key("k"));
        assertThat(record.getLong("a")).isEqualTo(3);
        assertThat(record.generation).isEqualTo(3);
    }

    @Test
    void generationGreaterThanPolicyRefusesAnEqualOrOlderGeneration() {
        client.put(null, key("k"), new Bin("a", 1));
        client.put(null, key("k"), new Bin("a", 2));
        WritePolicy policy = policy(RecordExistsAction.UPDATE);
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        policy.generation = 2;

        ResultCodes.assertFailsWith(ResultCode.GENERATION_ERROR, () -> client.put(policy, key("k"), new Bin("a", 3)));

        assertThat(client.get(null, key("k")).getLong("a")).isEqualTo(2);
    }

    @Test
    void generationGreaterThanPolicyAcceptsANewerGeneration() {
        client.put(null, key("k"), new Bin("a", 1));
        WritePolicy policy = policy(RecordExistsAction.UPDATE);
        policy.generationPolicy = GenerationPolicy.EXPECT_GEN_GT;
        policy.generation = 5;

        client.put(policy, key("k"), new Bin("a", 3));

        assertThat(client.get(null, key("k")).getLong("a")).isEqualTo(3);
    }

    @Test
    void sendKeyStoresTheUserKeyThatScansReturn() {
        WritePolicy sendKey = policy(RecordExistsAction.UPDATE);
        sendKey.sendKey = true;
        client.put(sendKey, key("with-key"), new Bin("a", 1));
        client.put(null, key("without-key"), new Bin("a", 2));
        Map<Long, Value> userKeys = new ConcurrentHashMap<>();

        client.scanAll(null, "test", set, (scannedKey, record) ->
                userKeys.put(record.getLong("a"), scannedKey.userKey == null ? Value.getAsNull() : scannedKey.userKey));

        assertThat(userKeys).containsOnly(entry(1L, Value.get("with-key")), entry(2L, Value.getAsNull()));
    }

    @Test
    void durableDeleteIsAccepted() {
        client.put(null, key("k"), new Bin("a", 1));
        WritePolicy policy = policy(RecordExistsAction.UPDATE);
        policy.durableDelete = true;

        assertThat(client.delete(policy, key("k"))).isTrue();
        assertThat(client.exists(null, key("k"))).isFalse();
    }

    @Test
    void unknownNamespaceFailsWithInvalidNamespace() {
        ResultCodes.assertFailsWith(ResultCode.INVALID_NAMESPACE,
                () -> client.put(null, new Key("no-such-namespace", set, "k"), new Bin("a", 1)));
    }

    @Test
    void binNameLongerThanFifteenBytesFailsWithBinNameTooLong() {
        ResultCodes.assertFailsWith(ResultCode.BIN_NAME_TOO_LONG,
                () -> client.put(null, key("k"), new Bin("sixteen-bytes-xx", 1)));

        assertThat(client.exists(null, key("k"))).isFalse();
    }

    @Test
    void binNameOfFifteenBytesIsAccepted() {
        client.put(null, key("k"), new Bin("fifteen-bytes-x", 1));

        assertThat(client.get(null, key("k")).getLong("fifteen-bytes-x")).isEqualTo(1);
    }

    @Test
    void recordLargerThanMaxRecordSizeFailsWithRecordTooBigAndIsNotStored() {
        byte[] blob = new byte[3 * 512 * 1024];

        ResultCodes.assertFailsWith(ResultCode.RECORD_TOO_BIG, () -> client.put(null, key("k"), new Bin("b", blob)));

        assertThat(client.get(null, key("k"))).isNull();
    }

    @Test
    void oversizedUpdateLeavesTheStoredRecordUnchanged() {
        client.put(null, key("k"), new Bin("a", 1));
        byte[] blob = new byte[3 * 512 * 1024];

        ResultCodes.assertFailsWith(ResultCode.RECORD_TOO_BIG, () -> client.put(null, key("k"), new Bin("b", blob)));

        Record record = client.get(null, key("k"));
        assertThat(record.bins).containsOnly(entry("a", 1L));
        assertThat(record.generation).isEqualTo(1);
    }
}
