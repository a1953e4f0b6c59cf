package io.terndb.client;

import io.terndb.client.internal.command.PartitionCursor;
import io.terndb.protocol.PartitionId;

/**
 * Which partitions a scan covers, and how far it got: a cursor. A scan started with a filter marks each partition
 * done as it completes and remembers the last digest read in the others, so the next scan with the same filter
 * resumes where the last one stopped (after a {@code maxRecords} page, or a failure). Not thread-safe: one scan
 * at a time per filter.
 *
 * <pre>{@code
 * PartitionFilter filter = PartitionFilter.all();
 * ScanPolicy page = ScanPolicy.builder().maxRecords(1000).build();
 * while (!filter.isDone()) {
 *     client.scan(page, filter, "test", "users", (key, record) -> process(record));
 * }
 * }</pre>
 */
public final class PartitionFilter {

    private final int begin;
    private final int count;
    private final PartitionCursor cursor;

    private PartitionFilter(int begin, int count) {
        if (begin < 0 || begin >= PartitionId.COUNT || count < 1 || begin + count > PartitionId.COUNT) {
            throw new IllegalArgumentException("partitions begin=" + begin + " count=" + count + " (within 0.."
                    + (PartitionId.COUNT - 1) + ")");
        }
        this.begin = begin;
        this.count = count;
        this.cursor = new PartitionCursor(begin, count);
    }

    /** All 4096 partitions. */
    public static PartitionFilter all() {
        return new PartitionFilter(0, PartitionId.COUNT);
    }

    /** One partition. */
    public static PartitionFilter id(int partitionId) {
        return new PartitionFilter(partitionId, 1);
    }

    /** {@code count} partitions starting at {@code begin}. */
    public static PartitionFilter range(int begin, int count) {
        return new PartitionFilter(begin, count);
    }

    public int begin() {
        return begin;
    }

    public int count() {
        return count;
    }

    /** Whether every partition of the filter has been scanned to its end. */
    public boolean isDone() {
        return cursor.isDone();
    }

    /** Records delivered by scans with this filter so far. */
    public long recordsRead() {
        return cursor.recordsRead();
    }

    /** The scan state; for the client's internals. */
    public PartitionCursor cursor() {
        return cursor;
    }
}
