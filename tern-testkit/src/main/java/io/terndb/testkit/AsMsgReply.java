package io.terndb.testkit;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 22-byte AS_MSG header of a reply, read from the body of a type-3 frame (see {@link AsMsgLayout}).
 * Fields and ops that follow are not decoded: tests that need bins use the official client.
 */
public record AsMsgReply(
        int headerBytes,
        int info1,
        int info2,
        int info3,
        int info4,
        int resultCode,
        long generation,
        long recordTtl,
        long transactionTtl,
        int fieldCount,
        int opCount) {

    /** Reads the header at the start of {@code body}. */
    public static AsMsgReply parse(byte[] body) {
        if (body.length < AsMsgLayout.HEADER_BYTES) {
            throw new IllegalArgumentException("bodyBytes=" + body.length + " is shorter than an AS_MSG header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(body);
        return new AsMsgReply(
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.HEADER_SIZE_OFFSET)),
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.INFO1_OFFSET)),
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.INFO2_OFFSET)),
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.INFO3_OFFSET)),
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.INFO4_OFFSET)),
                Byte.toUnsignedInt(buffer.get(AsMsgLayout.RESULT_CODE_OFFSET)),
                Integer.toUnsignedLong(buffer.getInt(AsMsgLayout.GENERATION_OFFSET)),
                Integer.toUnsignedLong(buffer.getInt(AsMsgLayout.RECORD_TTL_OFFSET)),
                Integer.toUnsignedLong(buffer.getInt(AsMsgLayout.TRANSACTION_TTL_OFFSET)),
                Short.toUnsignedInt(buffer.getShort(AsMsgLayout.FIELD_COUNT_OFFSET)),
                Short.toUnsignedInt(buffer.getShort(AsMsgLayout.OP_COUNT_OFFSET)));
    }

    /**
     * Splits the body of a multi-record frame (batch, scan) into its records' headers, walking each record's fields
     * and ops by their size words.
     *
     * @throws IllegalArgumentException if a size word points past the end of the body
     */
    public static List<AsMsgReply> parseRecords(byte[] body) {
        List<AsMsgReply> records = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            AsMsgReply record = parse(Arrays.copyOfRange(body, at, body.length));
            records.add(record);
            at += AsMsgLayout.HEADER_BYTES;
            for (int i = 0; i < record.fieldCount() + record.opCount(); i++) {
                if (at + Integer.BYTES > body.length) {
                    throw new IllegalArgumentException("record " + records.size() + " runs past the body at " + at);
                }
                at += Integer.BYTES + ByteBuffer.wrap(body, at, Integer.BYTES).getInt();
            }
            if (at > body.length) {
                throw new IllegalArgumentException("record " + records.size() + " runs past the body");
            }
        }
        return records;
    }

    /** Whether this record ends a multi-record stream (info3 LAST). */
    public boolean isLast() {
        return (info3 & AsMsgLayout.INFO3_LAST) != 0;
    }

    /** Reads the header of a type-3 frame. */
    public static AsMsgReply parse(ProtoFrame frame) {
        if (frame.type() != ProtoFrame.TYPE_AS_MSG) {
            throw new IllegalArgumentException("type=" + frame.type() + " is not an AS_MSG frame");
        }
        return parse(frame.body());
    }
}
