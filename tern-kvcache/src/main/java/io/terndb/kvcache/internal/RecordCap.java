package io.terndb.kvcache.internal;

/**
 * The server's record cap and the segment size it allows, as LMCache derives them: info {@code namespace/<ns>}
 * gives {@code max-record-size}, else {@code write-block-size}, else 1 MiB is assumed; segments stay 64 KiB below
 * the cap so the record's own overhead (digest, bin headers, other bins) always fits.
 */
public final class RecordCap {

    public static final long DEFAULT_BYTES = 1024 * 1024;
    public static final long MARGIN_BYTES = 64 * 1024;

    private RecordCap() {
    }

    /** The cap named by an info answer such as {@code ...;max-record-size=1048576;...}. */
    public static long fromNamespaceInfo(String answer) {
        long maxRecordSize = field(answer, "max-record-size");
        if (maxRecordSize > 0) {
            return maxRecordSize;
        }
        long writeBlockSize = field(answer, "write-block-size");
        return writeBlockSize > 0 ? writeBlockSize : DEFAULT_BYTES;
    }

    /** The payload bytes per segment: the configured target when it fits, else the cap less the margin. */
    public static long segmentTargetBytes(long capBytes, long configuredTargetBytes) {
        long largest = capBytes - MARGIN_BYTES;
        if (largest < 1) {
            throw new IllegalArgumentException("capBytes=" + capBytes + " leaves no room beside the "
                    + MARGIN_BYTES + " byte margin");
        }
        return configuredTargetBytes > 0 ? Math.min(configuredTargetBytes, largest) : largest;
    }

    /** A positive value of {@code name=} in a {@code ;}-separated answer, or 0 when absent or unreadable. */
    static long field(String answer, String name) {
        if (answer == null) {
            return 0;
        }
        for (String pair : answer.split(";")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                try {
                    long value = Long.parseLong(pair.substring(equals + 1).strip());
                    return Math.max(0, value);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }
}
