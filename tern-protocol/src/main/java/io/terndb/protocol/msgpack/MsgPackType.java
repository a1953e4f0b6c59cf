package io.terndb.protocol.msgpack;

/**
 * Kinds of values in the original server's order: a value of a lower kind sorts before any value of a higher kind
 * (so every integer sorts before every double, and negative integers before non-negative ones). Strings, byte
 * arrays and GeoJSON are told apart by their particle-type byte; an empty str is bytes.
 */
public final class MsgPackType {

    public static final int NIL = 1;
    public static final int FALSE = 2;
    public static final int TRUE = 3;
    public static final int NEGATIVE_INTEGER = 4;
    public static final int INTEGER = 5;
    public static final int STRING = 6;
    public static final int LIST = 7;
    public static final int MAP = 8;
    public static final int BYTES = 9;
    public static final int DOUBLE = 10;
    public static final int GEOJSON = 11;
    public static final int EXT = 12;
    /** Comparison sentinels: not storable, only valid as bounds and context values. */
    public static final int WILDCARD = 13;
    public static final int INFINITY = 14;

    /** Particle-type bytes that lead a str payload. */
    public static final int PARTICLE_STRING = 0x03;
    public static final int PARTICLE_BLOB = 0x04;
    public static final int PARTICLE_GEOJSON = 0x17;

    private MsgPackType() {
    }

    public static boolean isInteger(int type) {
        return type == INTEGER || type == NEGATIVE_INTEGER;
    }

    public static boolean isStorable(int type) {
        return type != WILDCARD && type != INFINITY;
    }
}
