package io.terndb.protocol.msgpack;

/**
 * MessagePack byte codes as used by the Aerospike protocol (reference §5.5), the ordering ext header and the
 * comparison sentinels, and the limits every reader enforces.
 *
 * <pre>
 *  first byte      meaning                         payload
 *  00-7f           positive fixint                 -
 *  80-8f           fixmap (n = low 4 bits)         n key/value pairs
 *  90-9f           fixarray (n = low 4 bits)       n values
 *  a0-bf           fixstr (length = low 5 bits)    bytes
 *  c0 / c2 / c3    nil / false / true              -
 *  c4 c5 c6        bin 8/16/32 (length BE)         bytes, read like str
 *  c7 c8 c9        ext 8/16/32 (length BE, type)   bytes
 *  ca / cb         float32 / float64 (BE)          4 / 8
 *  cc cd ce cf     uint 8/16/32/64 (BE)            1/2/4/8
 *  d0 d1 d2 d3     int 8/16/32/64 (BE)             1/2/4/8
 *  d4-d8           fixext 1/2/4/8/16 (type byte)   1/2/4/8/16
 *  d9 da db        str 8/16/32 (length BE)         bytes
 *  dc dd           array 16/32 (count BE)          values
 *  de df           map 16/32 (count BE)            pairs
 *  e0-ff           negative fixint                 -
 *
 *  ordered list:   array(n + 1)  c7 00 flags  values...           flags: 01 ordered, 10 persist index
 *  ordered map:    map(n + 1)    c7 00 flags  c0  pairs...         flags: 01 key-ordered, 03 key-value-ordered
 *  sentinels:      d4 ff 00 = WILDCARD (equal to anything), d4 ff 01 = INFINITY (above everything);
 *                  also c7 01 ff 00 / c7 01 ff 01
 * </pre>
 *
 * Data strings and byte arrays carry a particle-type byte as the first payload byte ({@code 03} string, {@code 04}
 * blob, {@code 17} GeoJSON, ...).
 */
public final class MsgPackFormat {

    public static final int NIL = 0xC0;
    public static final int RESERVED = 0xC1;
    public static final int FALSE = 0xC2;
    public static final int TRUE = 0xC3;
    public static final int BIN8 = 0xC4;
    public static final int BIN16 = 0xC5;
    public static final int BIN32 = 0xC6;
    public static final int EXT8 = 0xC7;
    public static final int EXT16 = 0xC8;
    public static final int EXT32 = 0xC9;
    public static final int FLOAT32 = 0xCA;
    public static final int FLOAT64 = 0xCB;
    public static final int UINT8 = 0xCC;
    public static final int UINT16 = 0xCD;
    public static final int UINT32 = 0xCE;
    public static final int UINT64 = 0xCF;
    public static final int INT8 = 0xD0;
    public static final int INT16 = 0xD1;
    public static final int INT32 = 0xD2;
    public static final int INT64 = 0xD3;
    public static final int FIXEXT1 = 0xD4;
    public static final int FIXEXT2 = 0xD5;
    public static final int FIXEXT4 = 0xD6;
    public static final int FIXEXT8 = 0xD7;
    public static final int FIXEXT16 = 0xD8;
    public static final int STR8 = 0xD9;
    public static final int STR16 = 0xDA;
    public static final int STR32 = 0xDB;
    public static final int ARRAY16 = 0xDC;
    public static final int ARRAY32 = 0xDD;
    public static final int MAP16 = 0xDE;
    public static final int MAP32 = 0xDF;
    public static final int FIXMAP = 0x80;
    public static final int FIXARRAY = 0x90;
    public static final int FIXSTR = 0xA0;
    public static final int NEGATIVE_FIXINT_MIN = 0xE0;

    /** The ext type of the comparison sentinels; never stored. */
    public static final int EXT_TYPE_COMPARE = 0xFF;
    public static final int COMPARE_WILDCARD = 0x00;
    public static final int COMPARE_INFINITY = 0x01;

    /** List ext-header flags. */
    public static final int LIST_ORDERED = 0x01;
    /** Map ext-header flags; value-ordered never comes alone. */
    public static final int MAP_KEY_ORDERED = 0x01;
    public static final int MAP_KEY_VALUE_ORDERED = 0x03;
    /** The server marks map results whose entry order matters (the client then keeps it). */
    public static final int MAP_PRESERVE_ORDER = 0x08;
    /** Asks the original to keep an offset index inside the header; accepted, the index itself is not kept. */
    public static final int PERSIST_INDEX = 0x10;

    /**
     * Deepest nesting a reader follows. Values nest only as deep as clients build them (the official client
     * recurses on the Java stack); anything deeper is refused as a bad argument before any recursion could
     * overflow the server's stack.
     */
    public static final int DEPTH_MAX = 256;

    /** Bytes of a list or map header with the largest count (array32/map32). */
    public static final int HEADER_BYTES_MAX = 5;

    private MsgPackFormat() {
    }

    /** Bytes of an array or map header holding {@code count}. */
    public static int headerBytes(long count) {
        return count < 16 ? 1 : count <= 0xFFFF ? 3 : 5;
    }

    /** Bytes of a str header for a payload of {@code length} bytes. */
    public static int stringHeaderBytes(long length) {
        return length < 32 ? 1 : length <= 0xFF ? 2 : length <= 0xFFFF ? 3 : 5;
    }
}
