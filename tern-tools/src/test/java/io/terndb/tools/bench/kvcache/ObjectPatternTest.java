package io.terndb.tools.bench.kvcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ObjectPatternTest {

    static final int OBJECT_BYTES = 10 * ObjectPattern.PAGE_BYTES + 100;

    private final ObjectPattern pattern = new ObjectPattern(OBJECT_BYTES, 7);

    private ByteBuffer object(long id) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(OBJECT_BYTES);
        pattern.fill(buffer);
        pattern.stamp(buffer, id);
        return buffer;
    }

    @Test
    void acceptsTheObjectItStamped() {
        assertThat(pattern.verify(object(3), OBJECT_BYTES, 3)).isTrue();
    }

    @Test
    void rejectsAnotherObject() {
        assertThat(pattern.verify(object(4), OBJECT_BYTES, 3)).isFalse();
    }

    @Test
    void rejectsPagesOutOfPlace() {
        ByteBuffer buffer = object(3);
        ByteBuffer secondPage = buffer.slice(ObjectPattern.PAGE_BYTES, ObjectPattern.PAGE_BYTES);
        ByteBuffer thirdPage = buffer.slice(2 * ObjectPattern.PAGE_BYTES, ObjectPattern.PAGE_BYTES);
        ByteBuffer saved = ByteBuffer.allocate(ObjectPattern.PAGE_BYTES).put(secondPage.duplicate()).flip();
        secondPage.duplicate().put(thirdPage.duplicate());
        thirdPage.duplicate().put(saved);

        assertThat(pattern.verify(buffer, OBJECT_BYTES, 3)).isFalse();
    }

    @Test
    void rejectsAShortObject() {
        assertThat(pattern.verify(object(3), OBJECT_BYTES - 1, 3)).isFalse();
    }

    @Test
    void rejectsDamageInsideTheSampledPage() {
        for (int page = 0; page < 10; page++) {
            ByteBuffer buffer = object(3);
            int offset = page * ObjectPattern.PAGE_BYTES + ObjectPattern.STAMP_BYTES + 5;
            buffer.put(offset, (byte) (buffer.get(offset) ^ 1));
            if (!pattern.verify(buffer, OBJECT_BYTES, 3)) {
                return;
            }
        }
        throw new AssertionError("damage in no page was found, so no page is compared in full");
    }
}
