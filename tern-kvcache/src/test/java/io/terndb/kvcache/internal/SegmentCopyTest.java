package io.terndb.kvcache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.terndb.client.RecordView;
import io.terndb.kvcache.LoadOutcome;
import io.terndb.kvcache.LoadResult;
import io.terndb.protocol.ParticleType;
import io.terndb.protocol.ResultCode;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Segment rows checked in place and copied to their place in the destination, in any order, once or again. */
class SegmentCopyTest {

    private static final SegmentPlan PLAN = SegmentPlan.of(10, 4); // segments of 4, 4 and 2 bytes
    private static final byte[] OBJECT = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** A reply buffer holding one segment's payload after some unrelated bytes, as a batch reply would. */
    private record Row(byte[] reply, int offset, int length, long crc) implements RecordView {

        static Row of(int segment) {
            int from = (int) PLAN.offset(segment);
            byte[] payload = Arrays.copyOfRange(OBJECT, from, from + PLAN.length(segment));
            byte[] reply = new byte[payload.length + 5];
            System.arraycopy(payload, 0, reply, 5, payload.length);
            return new Row(reply, 5, payload.length, Checksums.crc32c(payload));
        }

        Row damaged() {
            byte[] copy = reply.clone();
            copy[offset] ^= 1;
            return new Row(copy, offset, length, crc);
        }

        @Override
        public int generation() {
            return 1;
        }

        @Override
        public int voidTime() {
            return 0;
        }

        @Override
        public int binCount() {
            return 2;
        }

        @Override
        public int find(String name) {
            return switch (name) {
                case ObjectLayout.BIN_PAYLOAD -> 0;
                case ObjectLayout.BIN_CRC -> 1;
                default -> -1;
            };
        }

        @Override
        public String name(int bin) {
            return bin == 0 ? ObjectLayout.BIN_PAYLOAD : ObjectLayout.BIN_CRC;
        }

        @Override
        public int particleType(int bin) {
            return bin == 0 ? ParticleType.BLOB : ParticleType.INTEGER;
        }

        @Override
        public byte[] array() {
            return reply;
        }

        @Override
        public int valueOffset(int bin) {
            return offset;
        }

        @Override
        public int valueLength(int bin) {
            return length;
        }

        @Override
        public Object value(int bin) {
            return bin == 0 ? Arrays.copyOfRange(reply, offset, offset + length) : crc;
        }
    }

    private static ByteBuffer destination() {
        return ByteBuffer.allocate(20).position(3);
    }

    @Test
    void segmentsArrivingOutOfOrderAndTwiceMakeAHit() {
        ByteBuffer destination = destination();
        SegmentCopy first = new SegmentCopy(PLAN, 0, 2, destination, CopyGate.ALWAYS_OPEN);
        SegmentCopy last = new SegmentCopy(PLAN, 2, 1, destination, CopyGate.ALWAYS_OPEN);

        last.record(0, ResultCode.OK, Row.of(2));
        first.record(1, ResultCode.OK, Row.of(1));
        first.record(1, ResultCode.OK, Row.of(1));
        first.record(0, ResultCode.OK, Row.of(0));
        LoadResult result = SegmentCopy.outcome(new SegmentCopy[] {first, last}, PLAN, destination,
                CopyGate.ALWAYS_OPEN);

        assertThat(result.outcome()).isEqualTo(LoadOutcome.HIT);
        assertThat(destination.position()).isEqualTo(13);
        assertThat(Arrays.copyOfRange(destination.array(), 3, 13)).isEqualTo(OBJECT);
    }

    @Test
    void aSegmentFailingItsChecksumMakesAMissAndIsNotCopied() {
        ByteBuffer destination = destination();
        SegmentCopy copy = new SegmentCopy(PLAN, 0, 3, destination, CopyGate.ALWAYS_OPEN);

        copy.record(0, ResultCode.OK, Row.of(0).damaged());
        copy.record(1, ResultCode.OK, Row.of(1));
        copy.record(2, ResultCode.OK, Row.of(2));

        assertThat(SegmentCopy.outcome(new SegmentCopy[] {copy}, PLAN, destination, CopyGate.ALWAYS_OPEN))
                .isEqualTo(LoadResult.MISS);
        assertThat(destination.position()).isEqualTo(3);
        assertThat(destination.array()[3]).isZero();
    }

    @Test
    void aMissingOrUnansweredSegmentMakesAMiss() {
        ByteBuffer destination = destination();
        SegmentCopy absent = new SegmentCopy(PLAN, 0, 3, destination, CopyGate.ALWAYS_OPEN);
        absent.record(0, ResultCode.OK, Row.of(0));
        absent.record(1, ResultCode.KEY_NOT_FOUND, Row.of(1));
        absent.record(2, ResultCode.OK, Row.of(2));
        SegmentCopy unanswered = new SegmentCopy(PLAN, 0, 3, destination, CopyGate.ALWAYS_OPEN);
        unanswered.record(0, ResultCode.OK, Row.of(0));

        assertThat(SegmentCopy.outcome(new SegmentCopy[] {absent}, PLAN, destination, CopyGate.ALWAYS_OPEN))
                .isEqualTo(LoadResult.MISS);
        assertThat(SegmentCopy.outcome(new SegmentCopy[] {unanswered}, PLAN, destination, CopyGate.ALWAYS_OPEN))
                .isEqualTo(LoadResult.MISS);
    }

    @Test
    void noSegmentIsCopiedOnceTheDeadlineClosedTheGate() {
        ByteBuffer destination = destination();
        CopyGate gate = new CopyGate();
        SegmentCopy copy = new SegmentCopy(PLAN, 0, 3, destination, gate);
        copy.record(0, ResultCode.OK, Row.of(0));

        assertThat(gate.close()).isTrue();
        copy.record(1, ResultCode.OK, Row.of(1));
        copy.record(2, ResultCode.OK, Row.of(2));

        assertThat(SegmentCopy.outcome(new SegmentCopy[] {copy}, PLAN, destination, gate))
                .isEqualTo(LoadResult.TIMED_OUT);
        assertThat(destination.array()[3 + 4]).as("segment 1 was not copied").isZero();
    }
}
