package io.terndb.testkit;

/**
 * The AS_MSG header that follows the proto header of a data message (type 3), and the numbers that go into it.
 * Offsets are relative to the start of the body. Kept independent of the server's own codec on purpose: the
 * tests encode requests from the protocol description, not from the code under test.
 *
 * <pre>
 *  0      1      2      3      4      5      6           10          14          18        20        22
 * +------+------+------+------+------+------+-----------+-----------+-----------+---------+---------+
 * | 22   |info1 |info2 |info3 |info4 |result|generation | record_ttl| trans_ttl |n_fields | n_ops   |
 * +------+------+------+------+------+------+-----------+-----------+-----------+---------+---------+
 * then n_fields x [u32 size = 1 + data bytes][u8 type][data]
 * then n_ops    x [u32 size = 4 + name + value][u8 op][u8 particle][u8 flags][u8 name bytes][name][value]
 * </pre>
 */
public final class AsMsgLayout {

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
    public static final int OP_COUNT_OFFSET = 20;
    public static final int DIGEST_BYTES = 20;

    public static final int INFO1_READ = 0x01;
    public static final int INFO1_GET_ALL = 0x02;
    public static final int INFO1_BATCH = 0x08;
    public static final int INFO1_NO_BIN_DATA = 0x20;
    public static final int INFO2_WRITE = 0x01;
    public static final int INFO2_DELETE = 0x02;
    public static final int INFO2_CREATE_ONLY = 0x20;
    public static final int INFO3_LAST = 0x01;
    public static final int INFO3_PARTITION_DONE = 0x04;

    public static final int FIELD_NAMESPACE = 0;
    public static final int FIELD_SET = 1;
    public static final int FIELD_KEY = 2;
    public static final int FIELD_DIGEST = 4;

    public static final int OP_READ = 1;
    public static final int OP_WRITE = 2;
    public static final int OP_INCREMENT = 5;
    public static final int OP_APPEND = 9;

    public static final int PARTICLE_NULL = 0;
    public static final int PARTICLE_INTEGER = 1;
    public static final int PARTICLE_DOUBLE = 2;
    public static final int PARTICLE_STRING = 3;
    public static final int PARTICLE_BLOB = 4;

    public static final int RESULT_OK = 0;
    public static final int RESULT_KEY_NOT_FOUND = 2;
    public static final int RESULT_PARAMETER = 4;
    public static final int RESULT_UNSUPPORTED_FEATURE = 16;
    public static final int RESULT_INVALID_NAMESPACE = 20;
    public static final int RESULT_BIN_NAME_TOO_LONG = 21;
    public static final int RESULT_SECURITY_NOT_ENABLED = 52;

    private AsMsgLayout() {
    }
}
