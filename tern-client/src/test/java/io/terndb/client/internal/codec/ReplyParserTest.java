package io.terndb.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reply records as the server sends them (reference §7.1). */
class ReplyParserTest {

    @Test
    void readsTheWorkedExampleOfTheReference() {
        byte[] body = HexFormat.of().parseHex("160000000000" + "00000001" + "00000000" + "00000000" + "00000002"
                + "0000000d01010001610000000000000001" + "00000007010300017368 69".replace(" ", ""));
        ReplyParser parser = new ReplyParser().reset(body, 0, body.length);
        parser.next();
        parser.skipFields();
        Map<String, Object> bins = parser.readBins();
        assertThat(parser.resultCode).isZero();
        assertThat(parser.generation).isEqualTo(1);
        assertThat(bins).containsExactly(Map.entry("a", 1L), Map.entry("s", "hi"));
        assertThat(parser.hasMore()).isFalse();
    }

    @Test
    void readsBinsAsViewsIntoTheReplyBufferWithoutCopying() {
        byte[] body = HexFormat.of().parseHex("160000000000" + "00000001" + "00000000" + "00000000" + "00000002"
                + "0000000d01010001610000000000000001" + "00000009010400016201020304");
        ReplyParser parser = new ReplyParser().reset(body, 0, body.length);
        parser.next();
        parser.skipFields();

        BinViews views = parser.readViews();

        assertThat(views.binCount()).isEqualTo(2);
        assertThat(views.array()).isSameAs(body);
        assertThat(views.find("a")).isZero();
        assertThat(views.value(0)).isEqualTo(1L);
        int blob = views.find("b");
        assertThat(blob).isEqualTo(1);
        assertThat(views.name(blob)).isEqualTo("b");
        assertThat(views.particleType(blob)).isEqualTo(4);
        assertThat(views.valueOffset(blob)).isEqualTo(body.length - 4);
        assertThat(views.valueLength(blob)).isEqualTo(4);
        assertThat(views.find("c")).isEqualTo(-1);
        assertThat(views.find("ab")).isEqualTo(-1);
        assertThat(views.generation()).isEqualTo(1);
        assertThat(parser.hasMore()).isFalse();
    }

    @Test
    void severalResultsForOneBinBecomeOneList() {
        byte[] body = HexFormat.of().parseHex("160000000000" + "00000002" + "00000000" + "00000000" + "00000002"
                + "0000000d05010001610000000000000005" + "0000000d01010001610000000000000007");
        ReplyParser parser = new ReplyParser().reset(body, 0, body.length);
        parser.next();
        parser.skipFields();
        assertThat(parser.readBins().get("a")).isEqualTo(List.of(5L, 7L));
    }

    @Test
    void decodesEveryParticleType() {
        byte[] bool = {1};
        assertThat(ReplyParser.value(17, bool, 0, 1)).isEqualTo(true);
        byte[] shortInteger = {(byte) 0xFF, (byte) 0xFE};
        assertThat(ReplyParser.value(1, shortInteger, 0, 2)).isEqualTo(-2L);
        byte[] dbl = HexFormat.of().parseHex("3ff8000000000000");
        assertThat(ReplyParser.value(2, dbl, 0, 8)).isEqualTo(1.5);
        byte[] blob = {1, 2};
        assertThat(ReplyParser.value(4, blob, 0, 2)).isEqualTo(new byte[] {1, 2});
        byte[] list = HexFormat.of().parseHex("9201a20361");
        assertThat(ReplyParser.value(20, list, 0, list.length)).isEqualTo(List.of(1L, "a"));
        assertThat(ReplyParser.value(0, blob, 0, 0)).isNull();
    }

    @Test
    void opLongerThanTheFrameIsAParseError() {
        byte[] body = HexFormat.of().parseHex("160000000000" + "00000001" + "00000000" + "00000000" + "00000001"
                + "000000ff01010001610000");
        ReplyParser parser = new ReplyParser().reset(body, 0, body.length);
        parser.next();
        assertThatThrownBy(parser::readBins).isInstanceOf(ParseException.class);
    }

    @Test
    void opLongerThanTheFrameIsAParseErrorForViewsToo() {
        byte[] body = HexFormat.of().parseHex("160000000000" + "00000001" + "00000000" + "00000000" + "00000001"
                + "7fffffff01040001620000");
        ReplyParser parser = new ReplyParser().reset(body, 0, body.length);
        parser.next();
        assertThatThrownBy(parser::readViews).isInstanceOf(ParseException.class);
    }
}
