package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecordCapTest {

    @Test
    void maxRecordSizeComesFirst() {
        assertThat(RecordCap.fromNamespaceInfo("objects=0;max-record-size=8388608;write-block-size=1048576"))
                .isEqualTo(8_388_608);
    }

    @Test
    void writeBlockSizeWhenNoMaxRecordSize() {
        assertThat(RecordCap.fromNamespaceInfo("objects=0;write-block-size=2097152")).isEqualTo(2_097_152);
        assertThat(RecordCap.fromNamespaceInfo("max-record-size=0;write-block-size=2097152")).isEqualTo(2_097_152);
    }

    @Test
    void oneMebibyteWhenTheAnswerNamesNeither() {
        assertThat(RecordCap.fromNamespaceInfo("")).isEqualTo(RecordCap.DEFAULT_BYTES);
        assertThat(RecordCap.fromNamespaceInfo(null)).isEqualTo(RecordCap.DEFAULT_BYTES);
        assertThat(RecordCap.fromNamespaceInfo("max-record-size=big")).isEqualTo(RecordCap.DEFAULT_BYTES);
    }

    @Test
    void segmentsStayAMarginBelowTheCap() {
        assertThat(RecordCap.segmentTargetBytes(1_048_576, 0)).isEqualTo(1_048_576 - 65_536);
        assertThat(RecordCap.segmentTargetBytes(1_048_576, 4_000_000)).isEqualTo(1_048_576 - 65_536);
        assertThat(RecordCap.segmentTargetBytes(1_048_576, 100_000)).isEqualTo(100_000);
        assertThatThrownBy(() -> RecordCap.segmentTargetBytes(65_536, 0)).hasMessageStartingWith("capBytes=65536");
    }
}
