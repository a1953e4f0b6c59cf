package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.Record;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetaRecordTest {

    private static Map<String, Object> segmentedBins() {
        Map<String, Object> bins = new HashMap<>();
        bins.put("ver", 1L);
        bins.put("state", "ready");
        bins.put("nseg", 3L);
        bins.put("seg_b", 1_000L);
        bins.put("tot_b", 2_500L);
        bins.put("created_at", 1_700_000_000L);
        bins.put("pin", false);
        bins.put("wid", "00000000000000ff");
        return bins;
    }

    private static Record record(Map<String, Object> bins) {
        return new Record(bins, 1, 0);
    }

    @Test
    void readsTheRaceSafeVariant() {
        MetaRecord meta = MetaRecord.parse(record(segmentedBins())).orElseThrow();

        assertThat(meta.plan()).isEqualTo(new SegmentPlan(2_500, 3, 1_000));
        assertThat(meta.writeId()).isEqualTo("00000000000000ff");
        assertThat(meta.inlinePayload()).isNull();
        assertThat(meta.inlineCrc()).isEqualTo(MetaRecord.NO_CRC);
    }

    @Test
    void readsTheOlderVariantWithoutWriteIdAsAnEmptyOne() {
        Map<String, Object> bins = segmentedBins();
        bins.remove("wid");

        assertThat(MetaRecord.parse(record(bins)).orElseThrow().writeId()).isEmpty();
    }

    @Test
    void readsAnInlineObjectWithItsChecksum() {
        Map<String, Object> bins = segmentedBins();
        bins.putAll(Map.of("nseg", 1L, "seg_b", 3L, "tot_b", 3L, "b", new byte[] {1, 2, 3}, "crc", 42L));

        MetaRecord meta = MetaRecord.parse(record(bins)).orElseThrow();

        assertThat(meta.inlinePayload()).containsExactly(1, 2, 3);
        assertThat(meta.inlineCrc()).isEqualTo(42);
    }

    @Test
    void anythingButAReadyVersionOneRecordThatDescribesACutIsAbsent() {
        assertThat(MetaRecord.parse(null)).isEmpty();
        assertAbsentWith("ver", 2L);
        assertAbsentWith("state", "writing");
        assertAbsentWith("nseg", "3");
        assertAbsentWith("nseg", 2L);
        assertAbsentWith("seg_b", 10L);
        assertAbsentWith("tot_b", 3_001L);
        assertAbsentWith("wid", "00000000000000FF");
        assertAbsentWith("wid", 255L);
        Map<String, Object> inlineWithoutPayload = segmentedBins();
        inlineWithoutPayload.putAll(Map.of("nseg", 1L, "seg_b", 3L, "tot_b", 3L));
        assertThat(MetaRecord.parse(record(inlineWithoutPayload))).isEmpty();
        assertThat(MetaRecord.parseHeader(record(inlineWithoutPayload))).isPresent();
    }

    private static void assertAbsentWith(String bin, Object value) {
        Map<String, Object> bins = segmentedBins();
        bins.put(bin, value);
        assertThat(MetaRecord.parse(record(bins))).as("%s=%s", bin, value).isEmpty();
    }
}
