package io.terndb.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsMsgBuilderTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] DIGEST = HEX.parseHex("ec91192d4b7f8ce35d5d78d34bca65cbaaaac960");

    @Test
    void putMatchesTheJavaClientsBytes() {
        byte[] put = AsMsgBuilder.request()
                .info2(AsMsgLayout.INFO2_WRITE)
                .namespace("test").set("demo").digest(DIGEST)
                .writeInteger("a", 1)
                .writeString("s", "hi")
                .build();

        assertThat(HEX.formatHex(put)).isEqualTo("02030000000000" + "5d"
                + "160001000000" + "00000000" + "00000000" + "000003e8" + "0003" + "0002"
                + "000000050074657374"
                + "000000050164656d6f"
                + "0000001504ec91192d4b7f8ce35d5d78d34bca65cbaaaac960"
                + "0000000d020100016100000000000000" + "01"
                + "00000007020300017368" + "69");
    }

    @Test
    void readOfOneBinHasNoValue() {
        byte[] body = AsMsgBuilder.request().info1(AsMsgLayout.INFO1_READ).readBin("a").buildBody();

        assertThat(HEX.formatHex(body, AsMsgLayout.HEADER_BYTES, body.length)).isEqualTo("000000050100000161");
    }

    @Test
    void countOverridesReplaceTheRealCounts() {
        byte[] body = AsMsgBuilder.request().namespace("test").fieldCountOverride(7).opCountOverride(9).buildBody();

        AsMsgReply header = AsMsgReply.parse(body);
        assertThat(header.fieldCount()).isEqualTo(7);
        assertThat(header.opCount()).isEqualTo(9);
    }

    @Test
    void recordsOfAMultiRecordBodyAreSplitBySizeWords() {
        byte[] first = AsMsgBuilder.request().namespace("test").digest(DIGEST).writeInteger("a", 1).buildBody();
        byte[] last = AsMsgBuilder.request().info3(AsMsgLayout.INFO3_LAST).buildBody();
        byte[] body = ByteBuffer.allocate(first.length + last.length).put(first).put(last).array();

        List<AsMsgReply> records = AsMsgReply.parseRecords(body);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).fieldCount()).isEqualTo(2);
        assertThat(records.get(0).isLast()).isFalse();
        assertThat(records.get(1).isLast()).isTrue();
    }

    @Test
    void declaredFieldSizeIsWrittenAsGiven() {
        byte[] body = AsMsgBuilder.request().fieldWithDeclaredSize(1000, AsMsgLayout.FIELD_NAMESPACE,
                new byte[] {'t'}).buildBody();

        assertThat(HEX.formatHex(body, AsMsgLayout.HEADER_BYTES, body.length)).isEqualTo("000003e80074");
    }
}
