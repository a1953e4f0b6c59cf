package io.terndb.kvcache.internal;

/**
 * The record layout of one object, shared with LMCache's Aerospike adapter. For an object key K:
 *
 * <pre>
 *   K|m              meta record: ver=1, state="ready", nseg, seg_b, tot_b, created_at (epoch s), pin=false,
 *                    wid (16 hex digits, race-safe variant), b = payload and crc when nseg == 1,
 *                    pin_until (epoch ms; ours, written by lookupAndPin only, an extra bin to LMCache)
 *   K|s|wid|i        segment i (0-based) of the race-safe variant: b = bytes [i*seg_b, min(tot_b, (i+1)*seg_b)),
 *                    crc = CRC32C of b (ours; LMCache writes none)
 *   K|s|i            segment i of the older variant (meta without wid), read only
 * </pre>
 *
 * The meta record is the commit point: it is written last, create-only, so an object is visible only once all
 * its segments exist, and the write id in the segment keys keeps two racing writers from mixing segments.
 */
public final class ObjectLayout {

    public static final int VERSION = 1;
    public static final String STATE_READY = "ready";

    public static final String BIN_VERSION = "ver";
    public static final String BIN_STATE = "state";
    public static final String BIN_SEGMENT_COUNT = "nseg";
    public static final String BIN_SEGMENT_BYTES = "seg_b";
    public static final String BIN_TOTAL_BYTES = "tot_b";
    public static final String BIN_CREATED_AT = "created_at";
    public static final String BIN_PIN = "pin";
    /** A pin lease shared by every process: eviction keeps the object until then. Absent or 0 = none. */
    public static final String BIN_PIN_UNTIL = "pin_until";
    public static final String BIN_WRITE_ID = "wid";
    public static final String BIN_PAYLOAD = "b";
    public static final String BIN_CRC = "crc";

    public static final int WRITE_ID_HEX_DIGITS = 16;

    private static final char SEPARATOR = '|';

    private ObjectLayout() {
    }

    public static String metaKey(String objectKey) {
        return objectKey + SEPARATOR + 'm';
    }

    /** Segment key of the race-safe variant; {@code writeId} null or empty gives the older variant's key. */
    public static String segmentKey(String objectKey, String writeId, int index) {
        if (writeId == null || writeId.isEmpty()) {
            return objectKey + SEPARATOR + 's' + SEPARATOR + index;
        }
        return objectKey + SEPARATOR + 's' + SEPARATOR + writeId + SEPARATOR + index;
    }

    /** The write id as LMCache formats it: 64 random bits, 16 lowercase hex digits. */
    public static String writeId(long randomBits) {
        String hex = Long.toHexString(randomBits);
        return "0".repeat(WRITE_ID_HEX_DIGITS - hex.length()) + hex;
    }

    public static boolean isWriteId(String text) {
        return text.length() == WRITE_ID_HEX_DIGITS && text.chars().allMatch(ObjectLayout::isLowerHexDigit);
    }

    private static boolean isLowerHexDigit(int character) {
        return (character >= '0' && character <= '9') || (character >= 'a' && character <= 'f');
    }
}
