package io.terndb.kvcache.internal;

import java.util.Optional;

/**
 * What a record's user key names in the layout of {@link ObjectLayout}: an object's meta record or one of its
 * segments. Keys are read from the right, because object keys may themselves contain {@code |}: a segment key
 * ends in {@code |s|<16 hex>|<index>} (race-safe variant) or {@code |s|<index>} (older variant), a meta key in
 * {@code |m}. An object key that itself ends like a write id is read as the race-safe variant.
 *
 * @param objectKey the object the record belongs to
 * @param meta true for the meta record
 * @param writeId the segment's write id; empty for the older variant and for meta records
 * @param index the segment's index; -1 for meta records
 */
public record RecordName(String objectKey, boolean meta, String writeId, int index) {

    private static final String META_SUFFIX = "|m";
    private static final String SEGMENT_MARK = "|s|";

    public static Optional<RecordName> parse(String userKey) {
        if (userKey.endsWith(META_SUFFIX) && userKey.length() > META_SUFFIX.length()) {
            return Optional.of(new RecordName(userKey.substring(0, userKey.length() - META_SUFFIX.length()), true,
                    "", -1));
        }
        int lastBar = userKey.lastIndexOf('|');
        int index = parseIndex(userKey.substring(lastBar + 1));
        if (lastBar < 0 || index < 0) {
            return Optional.empty();
        }
        String head = userKey.substring(0, lastBar);
        int writeIdStart = head.length() - ObjectLayout.WRITE_ID_HEX_DIGITS;
        if (writeIdStart > SEGMENT_MARK.length() && head.startsWith(SEGMENT_MARK, writeIdStart - SEGMENT_MARK.length())
                && ObjectLayout.isWriteId(head.substring(writeIdStart))) {
            String objectKey = head.substring(0, writeIdStart - SEGMENT_MARK.length());
            return Optional.of(new RecordName(objectKey, false, head.substring(writeIdStart), index));
        }
        String olderMark = SEGMENT_MARK.substring(0, 2);
        if (head.endsWith(olderMark) && head.length() > olderMark.length()) {
            return Optional.of(new RecordName(head.substring(0, head.length() - olderMark.length()), false, "",
                    index));
        }
        return Optional.empty();
    }

    /** A decimal segment index without sign or leading zeros (as the writers format it), or -1. */
    private static int parseIndex(String text) {
        if (text.isEmpty() || text.length() > 9 || (text.length() > 1 && text.charAt(0) == '0')
                || !text.chars().allMatch(character -> character >= '0' && character <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }
}
