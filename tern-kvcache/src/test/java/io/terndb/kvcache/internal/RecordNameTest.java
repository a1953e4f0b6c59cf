package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordNameTest {

    private static final String WRITE_ID = "0123456789abcdef";

    @Test
    void readsMetaAndBothSegmentVariantsBackFromTheirKeys() {
        assertThat(RecordName.parse(ObjectLayout.metaKey("chunk"))).contains(new RecordName("chunk", true, "", -1));
        assertThat(RecordName.parse(ObjectLayout.segmentKey("chunk", WRITE_ID, 12)))
                .contains(new RecordName("chunk", false, WRITE_ID, 12));
        assertThat(RecordName.parse(ObjectLayout.segmentKey("chunk", "", 3)))
                .contains(new RecordName("chunk", false, "", 3));
    }

    @Test
    void objectKeysMayThemselvesContainBars() {
        String objectKey = "model|layer|s|7";
        assertThat(RecordName.parse(ObjectLayout.segmentKey(objectKey, WRITE_ID, 0)))
                .contains(new RecordName(objectKey, false, WRITE_ID, 0));
        assertThat(RecordName.parse(ObjectLayout.metaKey(objectKey))).contains(new RecordName(objectKey, true, "",
                -1));
    }

    @Test
    void otherKeysAreNotNamesOfTheLayout() {
        assertThat(RecordName.parse("plain")).isEqualTo(Optional.empty());
        assertThat(RecordName.parse("chunk|s|x")).isEmpty();
        assertThat(RecordName.parse("chunk|s|-1")).isEmpty();
        assertThat(RecordName.parse("chunk|s|01")).isEmpty();
        assertThat(RecordName.parse("|m")).isEmpty();
    }
}
