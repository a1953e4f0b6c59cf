package io.terndb.protocol;

/** Particle (value) type codes, shared by ops, the KEY field and stored bins. */
public final class ParticleType {

    public static final int NULL = 0;
    public static final int INTEGER = 1;
    public static final int DOUBLE = 2;
    public static final int STRING = 3;
    public static final int BLOB = 4;
    public static final int JAVA_BLOB = 7;
    public static final int CSHARP_BLOB = 8;
    public static final int PYTHON_BLOB = 9;
    public static final int RUBY_BLOB = 10;
    public static final int PHP_BLOB = 11;
    public static final int ERLANG_BLOB = 12;
    public static final int VECTOR = 16;
    public static final int BOOL = 17;
    public static final int HLL = 18;
    public static final int MAP = 19;
    public static final int LIST = 20;
    public static final int GEOJSON = 23;

    private ParticleType() {
    }

    /** Whether a bin may hold this type: anything but NULL (which deletes) and the reserved vector type. */
    public static boolean isStorable(int type) {
        return switch (type) {
            case INTEGER, DOUBLE, STRING, BLOB, JAVA_BLOB, CSHARP_BLOB, PYTHON_BLOB, RUBY_BLOB, PHP_BLOB,
                 ERLANG_BLOB, BOOL, HLL, MAP, LIST, GEOJSON -> true;
            default -> false;
        };
    }
}
