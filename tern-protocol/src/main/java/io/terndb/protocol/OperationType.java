package io.terndb.protocol;

/** Bin operation codes. */
public final class OperationType {

    public static final int READ = 1;
    public static final int WRITE = 2;
    public static final int CDT_READ = 3;
    public static final int CDT_MODIFY = 4;
    public static final int INCREMENT = 5;
    public static final int EXPRESSION_READ = 7;
    public static final int EXPRESSION_MODIFY = 8;
    public static final int APPEND = 9;
    public static final int PREPEND = 10;
    public static final int TOUCH = 11;
    public static final int BIT_READ = 12;
    public static final int BIT_MODIFY = 13;
    public static final int DELETE_ALL = 14;
    public static final int HLL_READ = 15;
    public static final int HLL_MODIFY = 16;

    private OperationType() {
    }

    public static boolean isRead(int type) {
        return type == READ || type == CDT_READ || type == EXPRESSION_READ || type == BIT_READ || type == HLL_READ;
    }
}
