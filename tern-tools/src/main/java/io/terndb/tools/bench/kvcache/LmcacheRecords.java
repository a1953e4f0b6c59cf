package io.terndb.tools.bench.kvcache;

import java.util.random.RandomGenerator;

/**
 * Key and bin names of LMCache's Aerospike layout, written out here because tern-kvcache keeps its own copy
 * internal. For an object key K:
 *
 * <pre>
 *   K|m          meta: ver=1, state="ready", nseg, seg_b, tot_b, created_at (epoch s), pin=false, wid,
 *                and b (the payload) when nseg == 1
 *   K|s|wid|i    segment i: b = bytes [i*seg_b, min(tot_b, (i+1)*seg_b)); LMCache writes no checksum
 * </pre>
 */
final class LmcacheRecords {

    static final int VERSION = 1;
    static final String STATE_READY = "ready";

    static final String BIN_VERSION = "ver";
    static final String BIN_STATE = "state";
    static final String BIN_SEGMENT_COUNT = "nseg";
    static final String BIN_SEGMENT_BYTES = "seg_b";
    static final String BIN_TOTAL_BYTES = "tot_b";
    static final String BIN_CREATED_AT = "created_at";
    static final String BIN_PIN = "pin";
    static final String BIN_WRITE_ID = "wid";
    static final String BIN_PAYLOAD = "b";

    private static final int WRITE_ID_HEX_DIGITS = 16;

    private LmcacheRecords() {
    }

    static String metaKey(String objectKey) {
        return objectKey + "|m";
    }

    static String segmentKey(String objectKey, String writeId, int index) {
        return objectKey + "|s|" + writeId + "|" + index;
    }

    /** 64 random bits as 16 lowercase hex digits, as LMCache formats a write id. */
    static String writeId(RandomGenerator random) {
        String hex = Long.toHexString(random.nextLong());
        return "0".repeat(WRITE_ID_HEX_DIGITS - hex.length()) + hex;
    }
}
