package io.terndb.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Bin;
import io.terndb.client.CommandKind;
import io.terndb.client.Key;
import io.terndb.client.Operation;
import io.terndb.client.Policy;
import io.terndb.client.WritePolicy;
import io.terndb.client.internal.command.DeleteCommand;
import io.terndb.client.internal.command.ExistsCommand;
import io.terndb.client.internal.command.OperateCommand;
import io.terndb.client.internal.command.ReadCommand;
import io.terndb.client.internal.command.WriteCommand;
import io.terndb.protocol.OperationType;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Requests with default policies are byte for byte what the original client sends (reference Appendix A), so the
 * server cannot tell the two clients apart.
 */
class RequestBytesTest {

    private static final Key KEY = new Key("test", "demo", "key1");
    private static final String KEY_FIELDS = "0000000500" + "74657374" + "0000000501" + "64656d6f"
            + "0000001504" + "ec91192d4b7f8ce35d5d78d34bca65cbaaaac960";

    private static String bytes(io.terndb.client.internal.command.Command<?> command) {
        CommandBuffer out = new CommandBuffer();
        command.write(out);
        return HexFormat.of().formatHex(Arrays.copyOf(out.data(), out.position()));
    }

    private static String clean(String hex) {
        return hex.replace(" ", "");
    }

    @Test
    void aBlobSliceOfAHeapOrDirectBufferEncodesLikeItsCopiedBytes() {
        byte[] whole = new byte[3000];
        for (int i = 0; i < whole.length; i++) {
            whole[i] = (byte) (i * 7);
        }
        byte[] copied = Arrays.copyOfRange(whole, 1000, 2500);
        java.nio.ByteBuffer heap = java.nio.ByteBuffer.wrap(whole).position(1000).limit(2500);
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(whole.length).put(whole).position(1000)
                .limit(2500);
        String expected = bytes(new WriteCommand(WritePolicy.DEFAULT, KEY,
                new Bin[] {new Bin("b", copied), new Bin("crc", 7)}, OperationType.WRITE));

        for (java.nio.ByteBuffer slice : new java.nio.ByteBuffer[] {heap, direct}) {
            Bin bin = new Bin("b", slice);
            slice.position(0); // the value took its bytes at construction
            assertThat(bytes(new WriteCommand(WritePolicy.DEFAULT, KEY, new Bin[] {bin, new Bin("crc", 7)},
                    OperationType.WRITE))).isEqualTo(expected);
            assertThat(bin.value().toObject()).isEqualTo(copied);
        }
    }

    @Test
    void putMatchesTheOriginalClient() {
        String expected = clean("0203 00000000005d"
                + "16 00 01 00 00 00 00000000 00000000 000003e8 0003 0002" + KEY_FIELDS
                + "0000000d 02 01 00 01 61 0000000000000001"
                + "00000007 02 03 00 01 73 6869");
        assertThat(bytes(new WriteCommand(WritePolicy.DEFAULT, KEY,
                new Bin[] {new Bin("a", 1), new Bin("s", "hi")}, OperationType.WRITE))).isEqualTo(expected);
    }

    @Test
    void getAllBinsMatchesTheOriginalClient() {
        assertThat(bytes(new ReadCommand(Policy.DEFAULT, KEY, null, false)))
                .isEqualTo(clean("0203 000000000041 16 03 00 00 00 00 00000000 00000000 000003e8 0003 0000")
                        + KEY_FIELDS);
    }

    @Test
    void getOneBinMatchesTheOriginalClient() {
        assertThat(bytes(new ReadCommand(Policy.DEFAULT, KEY, new String[] {"a"}, false)))
                .isEqualTo(clean("0203 00000000004a 16 01 00 00 00 00 00000000 00000000 000003e8 0003 0001")
                        + KEY_FIELDS + clean("00000005 01 00 00 01 61"));
    }

    @Test
    void existsAndDeleteMatchTheOriginalClient() {
        assertThat(bytes(new ExistsCommand(Policy.DEFAULT, KEY)))
                .isEqualTo(clean("0203 000000000041 16 21 00 00 00 00 00000000 00000000 000003e8 0003 0000")
                        + KEY_FIELDS);
        assertThat(bytes(new DeleteCommand(WritePolicy.DEFAULT, KEY)))
                .isEqualTo(clean("0203 000000000041 16 00 03 00 00 00 00000000 00000000 000003e8 0003 0000")
                        + KEY_FIELDS);
    }

    @Test
    void touchMatchesTheOriginalClient() {
        assertThat(bytes(new OperateCommand(WritePolicy.DEFAULT, KEY, new Operation[] {Operation.touch()},
                CommandKind.TOUCH)))
                .isEqualTo(clean("0203 000000000049 16 00 01 00 00 00 00000000 00000000 000003e8 0003 0001")
                        + KEY_FIELDS + clean("00000004 0b 00 00 00"));
    }

    @Test
    void writePolicyFlagsLandInTheHeader() {
        WritePolicy policy = WritePolicy.builder().recordExistsAction(io.terndb.client.RecordExistsAction.REPLACE_ONLY)
                .generation(io.terndb.client.GenerationPolicy.EXPECT_EQUAL, 7).ttlSeconds(60)
                .commitLevel(io.terndb.client.CommitLevel.MASTER).sendKey(true).build();
        String hex = bytes(new WriteCommand(policy, KEY, new Bin[] {new Bin("a", 1)}, OperationType.WRITE));
        // info1 0, info2 WRITE|GENERATION, info3 REPLACE_ONLY|COMMIT_MASTER, generation 7, ttl 60, 4 fields
        assertThat(hex.substring(16, 60)).isEqualTo(clean("16 00 05 22 00 00 00000007 0000003c 000003e8 0004 0001"));
        assertThat(hex).contains(clean("0000000602 03 6b657931")); // KEY field: string "key1"
    }

    @Test
    void operateFlagsComeFromTheOperations() {
        String readAll = bytes(new OperateCommand(WritePolicy.DEFAULT, KEY,
                new Operation[] {Operation.add(new Bin("n", 1)), Operation.get()}, CommandKind.OPERATE));
        assertThat(readAll.substring(16, 24)).isEqualTo("16030100"); // READ|GET_ALL, WRITE
        String header = bytes(new OperateCommand(WritePolicy.DEFAULT, KEY,
                new Operation[] {Operation.getHeader()}, CommandKind.OPERATE));
        assertThat(header.substring(16, 24)).isEqualTo("16210000"); // READ|NOBINDATA, no write
    }
}
