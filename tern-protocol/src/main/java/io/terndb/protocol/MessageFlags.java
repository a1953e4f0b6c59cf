package io.terndb.protocol;

/** The bits of the AS_MSG header's info1, info2 and info3 bytes. */
public final class MessageFlags {

    public static final int INFO1_READ = 0x01;
    public static final int INFO1_GET_ALL = 0x02;
    public static final int INFO1_SHORT_QUERY = 0x04;
    public static final int INFO1_BATCH = 0x08;
    public static final int INFO1_XDR = 0x10;
    /** Return metadata only (exists, getHeader). */
    public static final int INFO1_NO_BIN_DATA = 0x20;
    public static final int INFO1_READ_MODE_AP_ALL = 0x40;
    public static final int INFO1_COMPRESS_RESPONSE = 0x80;

    public static final int INFO2_WRITE = 0x01;
    public static final int INFO2_DELETE = 0x02;
    public static final int INFO2_GENERATION = 0x04;
    public static final int INFO2_GENERATION_GT = 0x08;
    public static final int INFO2_DURABLE_DELETE = 0x10;
    public static final int INFO2_CREATE_ONLY = 0x20;
    public static final int INFO2_RELAX_AP_LONG_QUERY = 0x40;
    public static final int INFO2_RESPOND_ALL_OPS = 0x80;

    public static final int INFO3_LAST = 0x01;
    public static final int INFO3_COMMIT_MASTER = 0x02;
    public static final int INFO3_PARTITION_DONE = 0x04;
    public static final int INFO3_UPDATE_ONLY = 0x08;
    public static final int INFO3_CREATE_OR_REPLACE = 0x10;
    public static final int INFO3_REPLACE_ONLY = 0x20;
    public static final int INFO3_SC_READ_TYPE = 0x40;
    public static final int INFO3_SC_READ_RELAX = 0x80;

    private MessageFlags() {
    }
}
