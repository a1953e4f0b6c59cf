package io.terndb.cluster.fabric;

/**
 * The bytes of one data-plane message on the fabric: replica writes, migrations, proxied requests and duplicate
 * resolution. Little-endian throughout, like the records they carry ({@link io.terndb.cluster.data.RecordLayout}).
 * Frames from one node to another arrive in the order they were queued; that order is what keeps a replica write,
 * a migration batch and a master hand-off of one partition in sequence.
 *
 * <pre>
 *  frame:       u32 body bytes | body
 *  body:        u8 type | fields of the type
 *  namespace:   u8 bytes | name
 *
 *  REPLICA_WRITE        u64 cluster key | u64 request id | namespace | u16 partition | record
 *  REPLICA_ACK          u64 request id | u8 result
 *  MIGRATE_START        u64 cluster key | u64 migration id | namespace | u16 partition | u8 flags
 *  MIGRATE_START_ACK    u64 migration id | u8 result
 *  MIGRATE_RECORDS      u64 migration id | u32 sequence | u16 count | count x record
 *  MIGRATE_RECORDS_ACK  u64 migration id | u32 sequence
 *  MIGRATE_DONE         u64 migration id
 *  MIGRATE_DONE_ACK     u64 migration id | u8 result
 *  PROXY_REQUEST        u64 request id | u8 hops | request (one proto frame: 8-byte header and AS_MSG)
 *  PROXY_REPLY          u64 request id | reply (the proto frames the client would have received)
 *  DUPLICATE_REQUEST    u64 cluster key | u64 request id | namespace | u16 partition | digest (20)
 *  DUPLICATE_REPLY      u64 request id | u8 result | [record when result is OK]
 *  PARTITION_SETTLED    u64 cluster key | namespace | u16 partition   (final master to non-replica holders)
 *  HELLO                u64 node id | u16 name bytes | cluster name   (first frame on every connection)
 * </pre>
 */
public final class FabricLayout {

    public static final int LENGTH_BYTES = 4;
    public static final int TYPE_OFFSET = 0;

    public static final int REPLICA_WRITE = 1;
    public static final int REPLICA_ACK = 2;
    public static final int MIGRATE_START = 3;
    public static final int MIGRATE_START_ACK = 4;
    public static final int MIGRATE_RECORDS = 5;
    public static final int MIGRATE_RECORDS_ACK = 6;
    public static final int MIGRATE_DONE = 7;
    public static final int MIGRATE_DONE_ACK = 8;
    public static final int PROXY_REQUEST = 9;
    public static final int PROXY_REPLY = 10;
    public static final int DUPLICATE_REQUEST = 11;
    public static final int DUPLICATE_REPLY = 12;
    public static final int PARTITION_SETTLED = 13;
    /** The first frame on a connection: who sends the frames that follow. */
    public static final int HELLO = 14;

    /** Results carried by acks. */
    public static final int RESULT_OK = 0;
    /** The receiver has not yet rebalanced to the sender's cluster key: send again soon. */
    public static final int RESULT_RETRY = 1;
    /** The sender's cluster key is older than the receiver's: the sender is stale. */
    public static final int RESULT_STALE = 2;
    /** The receiver refuses (no such namespace, not expected, or it failed to store). */
    public static final int RESULT_REFUSED = 3;
    /** A migration the receiver already completed. */
    public static final int RESULT_ALREADY_DONE = 4;
    /** Duplicate resolution: the node has no version of the record. */
    public static final int RESULT_NOT_FOUND = 5;

    /** MIGRATE_START flags: the source is the acting master and hands the partition over with this migration. */
    public static final int MIGRATE_FLAG_ACTING_MASTER = 1;

    /** A frame larger than this is corrupt: a migration batch is about 64 KiB, a record at most 8 MiB. */
    public static final int BODY_BYTES_MAX = 16 * 1024 * 1024;

    public static final int NAMESPACE_BYTES_MAX = 31;

    private FabricLayout() {
    }
}
