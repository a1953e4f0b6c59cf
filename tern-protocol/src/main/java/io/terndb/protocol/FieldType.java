package io.terndb.protocol;

/** Field type codes of AS_MSG fields. */
public final class FieldType {

    public static final int NAMESPACE = 0;
    public static final int SET = 1;
    public static final int KEY = 2;
    public static final int RECORD_VERSION = 3;
    public static final int DIGEST = 4;
    public static final int TXN_ID = 5;
    public static final int TXN_DEADLINE = 6;
    public static final int QUERY_ID = 7;
    public static final int SOCKET_TIMEOUT = 9;
    public static final int RECORDS_PER_SECOND = 10;
    public static final int PARTITION_ID_ARRAY = 11;
    public static final int DIGEST_ARRAY = 12;
    public static final int MAX_RECORDS = 13;
    public static final int BVAL_ARRAY = 15;
    public static final int INDEX_NAME = 21;
    public static final int INDEX_RANGE = 22;
    public static final int INDEX_CONTEXT = 23;
    public static final int INDEX_EXPRESSION = 24;
    public static final int INDEX_TYPE = 26;
    public static final int UDF_PACKAGE_NAME = 30;
    public static final int UDF_FUNCTION = 31;
    public static final int UDF_ARGLIST = 32;
    public static final int UDF_OP = 33;
    public static final int QUERY_BINLIST = 40;
    public static final int BATCH_INDEX = 41;
    public static final int BATCH_INDEX_WITH_SET = 42;
    public static final int FILTER_EXPRESSION = 43;

    public static final int DIGEST_BYTES = 20;
    public static final int NAMESPACE_BYTES_MAX = 31;
    public static final int SET_BYTES_MAX = 63;

    private FieldType() {
    }
}
