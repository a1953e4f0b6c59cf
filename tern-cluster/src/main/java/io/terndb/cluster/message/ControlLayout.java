package io.terndb.cluster.message;

/**
 * The bytes of one control message, as sent on heartbeat connections. Big-endian throughout.
 *
 * <pre>
 *  frame:     u32 body bytes | body
 *  body:      u8 format (1) | u8 type | u64 from | fields of the type
 *  ids:       u16 count | count x u64
 *  text:      u16 bytes | UTF-8
 *  texts:     u16 count | count x text
 *
 *  HEARTBEAT     text cluster name | u64 cluster key | ids members | ids adjacency
 *                | text heartbeat endpoint | text fabric endpoint | texts service endpoints | texts known peers
 *  PREPARE       u64 ballot | ids members
 *  PROMISE       u64 ballot | u8 granted | u64 promised ballot
 *  ACCEPT        u64 ballot | u64 cluster key | ids members
 *  ACCEPTED      u64 ballot | u8 granted
 *  COMMIT        u64 ballot | u64 cluster key | ids members
 *  COMMIT_ACK    u64 ballot
 *  EXCHANGE      u64 cluster key | u16 namespaces | namespaces | entries
 *    namespace   text name | u16 replication factor | u32 rack id | u8 prefer uniform balance
 *                | 4096 x u64 version key | 4096 x u8 version flags
 *  EXCHANGE_ACK  u64 cluster key
 *  METADATA      u64 id | entries
 *  METADATA_ACK  u64 id
 *  entries:      u32 count | count x (text module | text key | u32 value bytes | value UTF-8 | u64 version)
 * </pre>
 */
public final class ControlLayout {

    public static final int LENGTH_BYTES = 4;
    public static final int FORMAT = 1;
    public static final int FORMAT_OFFSET = 0;
    public static final int TYPE_OFFSET = 1;
    public static final int FROM_OFFSET = 2;
    public static final int FIELDS_OFFSET = 10;

    public static final int HEARTBEAT = 1;
    public static final int PREPARE = 2;
    public static final int PROMISE = 3;
    public static final int ACCEPT = 4;
    public static final int ACCEPTED = 5;
    public static final int COMMIT = 6;
    public static final int COMMIT_ACK = 7;
    public static final int EXCHANGE = 8;
    public static final int EXCHANGE_ACK = 9;
    public static final int METADATA = 10;
    public static final int METADATA_ACK = 11;
    /** More metadata entries than this in one message is corrupt input. */
    public static final int METADATA_ENTRIES_MAX = 1 << 20;
    public static final int METADATA_VALUE_BYTES_MAX = 1 << 20;

    /** No control message is larger: an exchange of 64 namespaces is about 2.4 MB. */
    public static final int BODY_BYTES_MAX = 4 * 1024 * 1024;
    /** More ids than this in one list is corrupt input (clusters are far smaller). */
    public static final int IDS_MAX = 4096;
    public static final int TEXTS_MAX = 4096;
    public static final int NAMESPACES_MAX = 64;

    static {
        if (FIELDS_OFFSET != FROM_OFFSET + Long.BYTES) {
            throw new AssertionError("control message header does not add up");
        }
    }

    private ControlLayout() {
    }
}
