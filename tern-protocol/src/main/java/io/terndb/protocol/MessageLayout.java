package io.terndb.protocol;

/**
 * The 22-byte AS_MSG header that follows the proto header in every data message, then fields, then operations.
 * Offsets are relative to the start of the AS_MSG header; all integers are big-endian.
 *
 * <pre>
 *  0      1     2     3     4     5       6            10           14              18         20       22
 *  +------+-----+-----+-----+-----+-------+------------+------------+---------------+----------+--------+
 *  |hdr_sz|info1|info2|info3|info4|result |generation  |record_ttl  |transaction_ttl|n_fields  |n_ops   |
 *  +------+-----+-----+-----+-----+-------+------------+------------+---------------+----------+--------+
 * </pre>
 *
 * Field: {@code u32 size (= 1 + data bytes), u8 type, data}. Operation: {@code u32 size (= 4 + name + value),
 * u8 op type, u8 particle type, u8 flags, u8 name length, name, value}.
 */
public final class MessageLayout {

    public static final int HEADER_BYTES = 22;

    public static final int HEADER_SIZE_OFFSET = 0;
    public static final int INFO1_OFFSET = 1;
    public static final int INFO2_OFFSET = 2;
    public static final int INFO3_OFFSET = 3;
    public static final int INFO4_OFFSET = 4;
    public static final int RESULT_CODE_OFFSET = 5;
    public static final int GENERATION_OFFSET = 6;
    public static final int RECORD_TTL_OFFSET = 10;
    public static final int TRANSACTION_TTL_OFFSET = 14;
    public static final int FIELD_COUNT_OFFSET = 18;
    public static final int OPERATION_COUNT_OFFSET = 20;

    /** u32 size + u8 type. */
    public static final int FIELD_HEADER_BYTES = 5;
    /** u32 size + op type + particle type + flags + name length. */
    public static final int OPERATION_HEADER_BYTES = 8;
    /** The part of an operation's size field that is not name or value: op type, particle, flags, name length. */
    public static final int OPERATION_SIZE_FIXED_BYTES = 4;

    public static final int BIN_NAME_BYTES_MAX = 15;
    /** The most operations the original accepts in one message ({@code MAX_N_OPS}). */
    public static final int OPERATIONS_MAX = 32_768;

    private MessageLayout() {
    }
}
