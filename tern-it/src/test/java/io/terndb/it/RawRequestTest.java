package io.terndb.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.WritePolicy;
import io.terndb.testkit.AsMsgBuilder;
import io.terndb.testkit.AsMsgLayout;
import io.terndb.testkit.AsMsgReply;
import io.terndb.testkit.InfoText;
import io.terndb.testkit.ProtoFrame;
import io.terndb.testkit.RawConnection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Well-formed requests written by hand, checked byte for byte against the reference (§2, §7, §9, §10). */
class RawRequestTest {

    @RegisterExtension
    static final TernServerExtension SERVER = new TernServerExtension();

    private static final Duration REPLY_WAIT = Duration.ofSeconds(5);
    private static final int SECURITY_HEADER_BYTES = 16;

    private String set;

    @BeforeEach
    void nameSet(TestInfo info) {
        set = TestSets.of(info);
    }

    private static ProtoFrame exchange(byte[] request) throws IOException {
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(request);
            return connection.readFrame(REPLY_WAIT);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void infoReplyRepeatsEachCommandWithTabValueAndNewline() throws IOException {
        ProtoFrame reply = exchange(InfoText.request("status", "namespaces"));

        assertThat(reply.version()).isEqualTo(ProtoFrame.VERSION);
        assertThat(reply.type()).isEqualTo(ProtoFrame.TYPE_INFO);
        assertThat(text(reply.body())).isEqualTo("status\tok\nnamespaces\ttest\n");
    }

    @Test
    void infoCommandWithoutFinalNewlineIsIgnored() throws IOException {
        byte[] body = "status\nnamespaces".getBytes(StandardCharsets.UTF_8);

        ProtoFrame reply = exchange(new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_INFO, body).encode());

        assertThat(text(reply.body())).isEqualTo("status\tok\n");
    }

    @Test
    void requestSentOneByteAtATimeIsAnswered() throws IOException {
        byte[] request = InfoText.request("status");
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            for (byte each : request) {
                connection.send(new byte[] {each});
            }

            assertThat(text(connection.readFrame(REPLY_WAIT).body())).isEqualTo("status\tok\n");
        }
    }

    @Test
    void twoRequestsInOneWriteAreBothAnsweredInOrder() throws IOException {
        byte[] first = InfoText.request("status");
        byte[] second = InfoText.request("partitions");
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(both);

            assertThat(text(connection.readFrame(REPLY_WAIT).body())).isEqualTo("status\tok\n");
            assertThat(text(connection.readFrame(REPLY_WAIT).body())).isEqualTo("partitions\t4096\n");
        }
    }

    @ParameterizedTest(name = "security command {0}")
    @ValueSource(ints = {0, 1, 20})
    void securityMessageGetsSecurityNotEnabledReplyAndConnectionStaysUsable(int command) throws IOException {
        byte[] body = new byte[SECURITY_HEADER_BYTES];
        body[2] = (byte) command;
        try (RawConnection connection = RawConnection.open(SERVER.port())) {
            connection.send(new ProtoFrame(ProtoFrame.VERSION, ProtoFrame.TYPE_SECURITY, body).encode());
            ProtoFrame reply = connection.readFrame(REPLY_WAIT);

            assertThat(reply.version()).isEqualTo(ProtoFrame.VERSION);
            assertThat(reply.type()).isEqualTo(ProtoFrame.TYPE_SECURITY);
            assertThat(reply.body()).hasSize(SECURITY_HEADER_BYTES);
            assertThat(Byte.toUnsignedInt(reply.body()[1])).isEqualTo(AsMsgLayout.RESULT_SECURITY_NOT_ENABLED);
            assertThat(connection.info(REPLY_WAIT, "status")).containsEntry("status", "ok");
        }
    }

    @Test
    void getOfStoredRecordHasTheReferenceLayout() throws IOException {
        Key key = new Key("test", set, "k");
        SERVER.client().put(null, key, new Bin("a", 1), new Bin("s", "hi"));

        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info1(AsMsgLayout.INFO1_READ | AsMsgLayout.INFO1_GET_ALL)
                .namespace("test").set(set).digest(key.digest)
                .build());

        AsMsgReply header = AsMsgReply.parse(reply);
        assertThat(header.headerBytes()).isEqualTo(AsMsgLayout.HEADER_BYTES);
        assertThat(header.resultCode()).isEqualTo(AsMsgLayout.RESULT_OK);
        assertThat(header.generation()).isEqualTo(1);
        assertThat(header.recordTtl()).as("void time of a record that never expires").isZero();
        assertThat(header.fieldCount()).isZero();
        assertThat(header.opCount()).isEqualTo(2);
        assertThat(reply.body()).as("header + op a (4 + 13) + op s (4 + 7)").hasSize(22 + 17 + 11);
    }

    @Test
    void getOfMissingRecordAnswersKeyNotFoundWithoutMetadata() throws IOException {
        Key key = new Key("test", set, "missing");

        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info1(AsMsgLayout.INFO1_READ | AsMsgLayout.INFO1_GET_ALL)
                .namespace("test").set(set).digest(key.digest)
                .build());

        AsMsgReply header = AsMsgReply.parse(reply);
        assertThat(header.resultCode()).isEqualTo(AsMsgLayout.RESULT_KEY_NOT_FOUND);
        assertThat(header.generation()).isZero();
        assertThat(header.opCount()).isZero();
        assertThat(reply.body()).hasSize(AsMsgLayout.HEADER_BYTES);
    }

    @Test
    void writeToUnknownNamespaceAnswersInvalidNamespace() throws IOException {
        Key key = new Key("no-such-namespace", set, "k");

        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("no-such-namespace").set(set).digest(key.digest)
                .writeInteger("a", 1)
                .build());

        assertThat(AsMsgReply.parse(reply).resultCode()).isEqualTo(AsMsgLayout.RESULT_INVALID_NAMESPACE);
    }

    @Test
    void requestWithoutNamespaceAnswersInvalidNamespace() throws IOException {
        Key key = new Key("test", set, "k");

        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .set(set).digest(key.digest)
                .writeInteger("a", 1)
                .build());

        assertThat(AsMsgReply.parse(reply).resultCode()).isEqualTo(AsMsgLayout.RESULT_INVALID_NAMESPACE);
    }

    @Test
    void binNameOfSixteenBytesAnswersBinNameTooLongAndStoresNothing() throws IOException {
        Key key = new Key("test", set, "k");

        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set(set).digest(key.digest)
                .writeInteger("sixteen-bytes-xx", 1)
                .build());

        assertThat(AsMsgReply.parse(reply).resultCode()).isEqualTo(AsMsgLayout.RESULT_BIN_NAME_TOO_LONG);
        assertThat(SERVER.client().exists(null, key)).isFalse();
    }

    @Test
    void writeCarryingADifferentKeyThanTheStoredOneAnswersKeyMismatch() throws IOException {
        Key key = new Key("test", set, "k");
        WritePolicy sendKey = new WritePolicy(SERVER.client().getWritePolicyDefault());
        sendKey.sendKey = true;
        SERVER.client().put(sendKey, key, new Bin("a", 1));

        ProtoFrame same = exchange(writeWithKeyField(key, "k"));
        ProtoFrame other = exchange(writeWithKeyField(key, "other"));

        assertThat(AsMsgReply.parse(same).resultCode()).isEqualTo(AsMsgLayout.RESULT_OK);
        assertThat(AsMsgReply.parse(other).resultCode()).isEqualTo(ResultCode.KEY_MISMATCH);
        assertThat(SERVER.client().get(null, key).getLong("a")).isEqualTo(2);
    }

    /** A write of {@code a = 2} to {@code key}'s digest whose KEY field holds the string {@code userKey}. */
    private byte[] writeWithKeyField(Key key, String userKey) {
        byte[] text = userKey.getBytes(StandardCharsets.UTF_8);
        byte[] field = new byte[1 + text.length];
        field[0] = (byte) AsMsgLayout.PARTICLE_STRING;
        System.arraycopy(text, 0, field, 1, text.length);
        return AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set(set).digest(key.digest)
                .field(AsMsgLayout.FIELD_KEY, field)
                .writeInteger("a", 2)
                .build();
    }

    @Test
    void digestFieldOfWrongLengthAnswersParameterError() throws IOException {
        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info1(AsMsgLayout.INFO1_READ | AsMsgLayout.INFO1_GET_ALL)
                .namespace("test").set(set).field(AsMsgLayout.FIELD_DIGEST, new byte[19])
                .build());

        assertThat(AsMsgReply.parse(reply).resultCode()).isEqualTo(AsMsgLayout.RESULT_PARAMETER);
    }

    @Test
    void scanWithoutPartitionDoneFlagAnswersUnsupportedFeature() throws IOException {
        ProtoFrame reply = exchange(AsMsgBuilder.request()
                .info1(AsMsgLayout.INFO1_READ)
                .namespace("test").set(set)
                .build());

        assertThat(AsMsgReply.parse(reply).resultCode()).isEqualTo(AsMsgLayout.RESULT_UNSUPPORTED_FEATURE);
    }
}
